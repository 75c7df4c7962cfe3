import { consoleStoreSuite } from './console-store.suite.ts';
import { storeKinds } from './helpers/stores.ts';

consoleStoreSuite(storeKinds.find((kind) => kind.kind === 'sqlite')!);
