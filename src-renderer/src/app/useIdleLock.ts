import { useEffect, useRef } from 'react';
import { api } from '../api';

/** How often activity may extend the session in the core. */
export const TOUCH_INTERVAL_MS = 30_000;
const ACTIVITY_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Locks after `minutes` without pointer or keyboard activity. While the person
 * is active, tells the core at most once every 30 s so its own idle lock does
 * not fire under them. The check runs every second on Date.now(), so it is
 * right after sleep or a throttled background tab, and under a test clock.
 */
export function useIdleLock(minutes: number, onIdle: () => void): void {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    const limitMs = Math.max(1, minutes) * 60_000;
    let lastActivity = Date.now();
    let lastTouch = lastActivity;
    let fired = false;

    const onActivity = () => {
      const now = Date.now();
      lastActivity = now;
      if (now - lastTouch >= TOUCH_INTERVAL_MS) {
        lastTouch = now;
        // A NOT_SIGNED_IN answer is handled centrally (the lock screen appears).
        api('session.touch').catch(() => undefined);
      }
    };
    const check = () => {
      if (!fired && Date.now() - lastActivity >= limitMs) {
        fired = true;
        onIdleRef.current();
      }
    };

    for (const name of ACTIVITY_EVENTS)
      window.addEventListener(name, onActivity, { capture: true, passive: true });
    const timer = window.setInterval(check, 1000);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, onActivity, { capture: true });
      window.clearInterval(timer);
    };
  }, [minutes]);
}
