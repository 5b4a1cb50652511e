/**
 * Props for a button that is off but keeps keyboard focus. A `disabled` button loses focus to the page
 * the moment it turns off, so a control that turns off because it just acted (Retry once its emails
 * are queued, Pause once its contacts are paused, "Enroll these" while it looks them up) would leave
 * a keyboard user nowhere; aria-disabled says "off" to assistive technology and presses are ignored.
 */
export function offKeepsFocus(off: boolean, onClick: () => void) {
  return {
    'aria-disabled': off || undefined,
    onClick: () => {
      if (!off) onClick();
    },
  };
}
