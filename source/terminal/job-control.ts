import type { AlternateScreen } from './alternate-screen.js';

// Stopping the full screen as a shell's job (Ctrl+Z, `kill -TSTP`) and taking it back on `fg`.
// In raw mode the terminal hands Ctrl+Z over as a key instead of stopping the job; and a SIGTSTP
// left to its default stops the process with the terminal still in the screen's modes, which
// `fg` does not bring back. Both come here: the screen is left, the job stops as the terminal's
// own Ctrl+Z would stop it, and once it is continued the screen comes back drawn whole.
export interface JobControl {
  // Stops the job; returns once it is continued, with the screen back.
  suspend: () => void;
  // How to draw the whole frame again on a blank screen (Ink remembers what it drew last and
  // would otherwise draw only what changed).
  setRedraw: (redraw: () => void) => void;
  // SIGTSTP does its default again: for when the screen is left for good.
  uninstall: () => void;
}

export function installJobControl(screen: AlternateScreen): JobControl {
  let redraw = () => {};
  let installed = true;
  // Set while a stop of our own is being continued: its SIGCONT needs nothing more.
  let continuedFromSuspend = false;
  // A stopped job hears no SIGWINCH, and the window may have changed size meanwhile. Node's own
  // SIGWINCH listener reads the size again (and Ink and the layout hear 'resize'); this one,
  // added after it, then draws the frame at that size.
  const redrawAtCurrentSize = () => redraw();
  const takeScreenBack = () => {
    if (!screen.resume()) return;
    process.off('SIGWINCH', redrawAtCurrentSize);
    process.once('SIGWINCH', redrawAtCurrentSize);
    process.kill(process.pid, 'SIGWINCH');
  };
  const suspend = () => {
    if (!installed) return;
    screen.pause();
    // With no listener left, SIGTSTP has its default action again: it stops the process before
    // kill() returns. Sent to the process group, as the terminal sends it, so that a wrapper
    // around the app (npx, a script) stops too and the shell sees the whole job stopped. An
    // orphaned group is not stopped at all: the screen then comes straight back.
    process.off('SIGTSTP', suspend);
    continuedFromSuspend = true;
    process.kill(0, 'SIGTSTP');
    process.on('SIGTSTP', suspend);
    takeScreenBack();
  };
  // Continued after a stop that could not be caught (SIGSTOP): the shell has put the terminal
  // back in cooked mode and written over the screen.
  const onContinue = () => {
    if (continuedFromSuspend) {
      continuedFromSuspend = false;
      return;
    }
    screen.pause();
    takeScreenBack();
  };
  process.on('SIGTSTP', suspend);
  process.on('SIGCONT', onContinue);
  return {
    suspend,
    setRedraw(draw) {
      redraw = draw;
    },
    uninstall() {
      installed = false;
      process.off('SIGTSTP', suspend);
      process.off('SIGCONT', onContinue);
      process.off('SIGWINCH', redrawAtCurrentSize);
    },
  };
}
