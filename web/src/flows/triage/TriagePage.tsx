import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Link } from '../../app/router.tsx';
import { session } from '../../app/session.ts';
import { useCountry } from '../../content/country.tsx';
import { REPORT_ROUTES } from '../../content/services.ts';
import { useLocale, useMessages } from '../../i18n/LocaleProvider.tsx';
import { useAnnounce } from '../../ui/Announcer.tsx';
import { BackLink } from '../../ui/BackLink.tsx';
import { FilePicker } from '../../ui/FilePicker.tsx';
import { Page } from '../../ui/Page.tsx';
import { CountryPicker, ServiceList } from '../../ui/ServiceList.tsx';
import { Advice } from '../../ui/Advice.tsx';
import { evidenceFromText } from '../locker/evidence.ts';
import { AddToCase } from '../share/AddToCase.tsx';
import { analyzeOnDevice } from './analysis.ts';
import { triageMessages } from './messages.ts';
import { readChatFile } from './read-chat-file.ts';
import type { TriageView } from './view.ts';

type Status =
  | { kind: 'editing' }
  | { kind: 'analysing' }
  | { kind: 'done'; view: TriageView; text: string; kept: boolean }
  | { kind: 'failed' };

/** Flow 1: the blackmailer's messages in, a plain verdict and a plan out; all on this device. */
export default function TriagePage() {
  const m = useMessages(triageMessages);
  const { locale } = useLocale();
  const announce = useAnnounce();
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<{ error: boolean; text: string } | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'editing' });
  const textId = useId();

  const onFiles = async (files: File[]) => {
    const file = files[0];
    if (file === undefined) return;
    const result = await readChatFile(file);
    if (result.ok) {
      setText(result.text);
      setNotice({ error: false, text: m.fileLoaded(file.name) });
    } else {
      setNotice({ error: true, text: m.fileErrors[result.error] });
    }
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') {
      setNotice({ error: true, text: m.empty });
      return;
    }
    setNotice(null);
    setStatus({ kind: 'analysing' });
    try {
      const view = await analyzeOnDevice(text, locale);
      setStatus({ kind: 'done', view, text, kept: false });
      announce(m.verdicts[view.verdict].title);
    } catch {
      setStatus({ kind: 'failed' });
    }
  };

  const keep = async (done: Extract<Status, { kind: 'done' }>) => {
    const item = await evidenceFromText(done.text, 'message', {
      verdict: m.verdicts[done.view.verdict].title,
      reasons: done.view.reasons,
      indicators: done.view.indicators.map((indicator) => ({
        type:
          m.indicatorLabels[indicator.label] +
          (indicator.service !== null ? ` (${indicator.service})` : ''),
        value: indicator.value,
        valid: indicator.valid,
      })),
    });
    session.addEvidence(item);
    setStatus({ ...done, kept: true });
  };

  if (status.kind === 'done') {
    return (
      <Page title={m.title}>
        <TriageResult view={status.view} kept={status.kept} onKeep={() => void keep(status)} />
        <AddToCase text={status.text} />
        <p className="actions">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => {
              setText('');
              setStatus({ kind: 'editing' });
            }}
          >
            {m.startAgain}
          </button>
        </p>
        <BackLink />
      </Page>
    );
  }

  return (
    <Page title={m.title} lead={m.lead}>
      <p className="callout">{m.onDevice}</p>
      <form onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="field">
          <label htmlFor={textId}>{m.textLabel}</label>
          <span className="hint" id={`${textId}-hint`}>
            {m.textHint}
          </span>
          <textarea
            id={textId}
            value={text}
            onChange={(event) => setText(event.target.value)}
            aria-describedby={`${textId}-hint`}
            dir="auto"
            spellCheck={false}
            autoComplete="off"
            rows={10}
          />
        </div>
        <FilePicker
          label={m.fileLabel}
          button={m.fileButton}
          hint={m.fileHint}
          accept=".txt,.json,.eml,.html,.htm,text/plain,application/json"
          multiple={false}
          onFiles={(files) => void onFiles(files)}
        />
        {notice !== null && (
          <p
            role={notice.error ? 'alert' : 'status'}
            className={notice.error ? 'status-error' : ''}
          >
            {notice.text}
          </p>
        )}
        {status.kind === 'failed' && (
          <p role="alert" className="status-error">
            {m.failed}
          </p>
        )}
        <p className="actions">
          <button type="submit" className="button" disabled={status.kind === 'analysing'}>
            {status.kind === 'analysing' ? m.analysing : m.analyse}
          </button>
        </p>
      </form>
      <BackLink />
    </Page>
  );
}

function TriageResult({
  view,
  kept,
  onKeep,
}: {
  view: TriageView;
  kept: boolean;
  onKeep: () => void;
}) {
  const m = useMessages(triageMessages);
  const { format } = useLocale();
  const { country } = useCountry();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const verdict = m.verdicts[view.verdict];
  const minorsFirst = view.minorLikely || view.verdict === 'minor-targeted';
  return (
    <>
      <section aria-labelledby="triage-result" className="card">
        <h2 id="triage-result" ref={heading} tabIndex={-1}>
          {m.resultTitle}
        </h2>
        <p className="verdict" data-verdict={view.verdict}>
          <strong>{verdict.title}</strong>
        </p>
        <p>{verdict.meaning}</p>
        {view.videoLikely !== null && (
          <p data-video-likely={view.videoLikely}>
            <strong>{view.videoLikely ? m.videoLikely : m.videoUnlikely}</strong>
          </p>
        )}
        {view.verdict !== 'not-detected' && (
          <p className="hint">{m.confidence(format.percent(view.confidence))}</p>
        )}
        {view.reasons.length > 0 && (
          <>
            <h3>{m.reasonsTitle}</h3>
            <ul className="points">
              {view.reasons.map((reason, index) => (
                <li key={index}>
                  <q dir="auto">{reason.excerpt}</q> {reason.explanation}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {minorsFirst && <MinorsCallout />}

      <section aria-labelledby="triage-indicators">
        <h2 id="triage-indicators">{m.indicatorsTitle}</h2>
        {view.indicators.length === 0 ? (
          <p>{m.noIndicators}</p>
        ) : (
          <>
            <p>{m.indicatorsIntro}</p>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{m.indicatorType}</th>
                    <th scope="col">{m.indicatorValue}</th>
                    <th scope="col">{m.indicatorCheck}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.indicators.map((indicator, index) => (
                    <tr key={index} data-indicator={indicator.label}>
                      <td>
                        {m.indicatorLabels[indicator.label]}
                        {indicator.service !== null && <> ({indicator.service})</>}
                      </td>
                      <td className="mono">{indicator.value}</td>
                      <td className={indicator.valid === false ? 'status-error' : ''}>
                        {indicator.valid === null
                          ? m.notChecked
                          : indicator.valid
                            ? m.valid
                            : m.invalid}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        <p className="actions">
          {kept ? (
            <span role="status" className="status-ok">
              {m.keptInLocker} <Link to="/locker">{m.openLocker}</Link>
            </span>
          ) : (
            <button type="button" className="button button-secondary" onClick={onKeep}>
              {m.keepInLocker}
            </button>
          )}
        </p>
      </section>

      <Advice />

      {view.videoLikely === true && (
        <section aria-labelledby="triage-protect" className="callout">
          <h2 id="triage-protect">{m.protectTitle}</h2>
          <p>{m.protectText}</p>
          <Link to="/protect" className="button">
            {m.protectLink}
          </Link>
        </section>
      )}

      <section aria-labelledby="triage-report">
        <h2 id="triage-report">{m.reportTitle}</h2>
        <CountryPicker />
        <ServiceList ids={REPORT_ROUTES[country]} />
      </section>

      {!minorsFirst && <MinorsCallout />}
    </>
  );
}

function MinorsCallout() {
  const m = useMessages(triageMessages);
  return (
    <section className="callout callout-warm" aria-label={m.minorsTitle}>
      <p>
        <strong>{m.minorsTitle}</strong> {m.minorsText} <Link to="/young">{m.minorsLink}</Link>
      </p>
    </section>
  );
}
