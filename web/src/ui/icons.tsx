/**
 * The few icons the portal uses, inline (no icon font, no request). Directional icons are drawn
 * pointing "forward" and mirrored in right-to-left layouts by CSS (`.icon-directional`).
 */

export function ArrowIcon({ direction }: { direction: 'forward' | 'back' }) {
  return (
    <svg
      className={`icon icon-directional${direction === 'back' ? ' icon-back' : ''}`}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M5 12h13M13 6l6 6-6 6" fill="none" stroke="currentColor" strokeWidth="2.2" />
    </svg>
  );
}

export function ExitIcon() {
  return (
    <svg className="icon icon-directional" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M10 4H5v16h5M14 8l4 4-4 4M18 12H9"
        fill="none"
        stroke="currentColor"
        strokeWidth="2.2"
      />
    </svg>
  );
}

export function ShieldIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M12 3l7 3v6c0 4.5-3 7.8-7 9-4-1.2-7-4.5-7-9V6z"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      />
    </svg>
  );
}

export function PhoneIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M6.6 3.5l3 .5 1.2 4-2 1.4a11 11 0 005.8 5.8l1.4-2 4 1.2.5 3c-.2 1.4-1.4 2.4-2.8 2.3C10.4 19 5 13.6 4.3 6.3 4.2 4.9 5.2 3.7 6.6 3.5z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
      />
    </svg>
  );
}
