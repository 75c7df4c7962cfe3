import { storeKinds } from './helpers/stores.ts';
import { storeSuite } from './store.suite.ts';

storeSuite(storeKinds.find((kind) => kind.kind === 'sqlite')!);
