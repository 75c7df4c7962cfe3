import { adviceMessages, FACTS, PLAN_STEPS } from '../content/advice.ts';
import { useMessages } from '../i18n/LocaleProvider.tsx';
import { shellMessages } from '../shell/messages.ts';

/** The plan everyone agrees on, and the calming facts, each with its source. */
export function Advice() {
  const m = useMessages(adviceMessages);
  const shell = useMessages(shellMessages);
  return (
    <>
      <section aria-labelledby="advice-plan">
        <h2 id="advice-plan">{m.planTitle}</h2>
        <ol className="plan">
          {PLAN_STEPS.map((step) => (
            <li key={step} data-step={step}>
              <strong>{m.steps[step].title}</strong> {m.steps[step].why}
            </li>
          ))}
        </ol>
        <p className="service-source">
          {shell.source}:{' '}
          <a href="https://www.cybermalveillance.gouv.fr/" target="_blank" rel="noreferrer">
            {m.planSource}
          </a>
        </p>
      </section>
      <section aria-labelledby="advice-facts">
        <h2 id="advice-facts">{m.factsTitle}</h2>
        <ul className="points">
          {FACTS.map((fact) => (
            <li key={fact}>{m.facts[fact]}</li>
          ))}
        </ul>
        <p className="service-source">
          {shell.source}: {m.factsSource}
        </p>
      </section>
    </>
  );
}
