import { spawn } from 'node:child_process';

export interface CopyOutcome {
  // Where the text went, for the message: 'tmux buffer', 'terminal (OSC 52)', 'xclip'...
  destinations: string[];
}

export interface CopyEnvironment {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  // Writes straight to the terminal (an OSC 52 sequence has no width, so the drawing is unharmed).
  writeToTerminal: (data: string) => void;
}

const TOOL_TIMEOUT_MS = 1000;

// Runs a clipboard tool with the text on stdin; resolves false if it is missing or fails.
function pipeTo(command: string, args: string[], text: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(ok);
    };
    const child = spawn(command, args, { env, stdio: ['pipe', 'ignore', 'ignore'], detached: false });
    // xclip and wl-copy stay alive to serve the selection: success is a clean start, not an exit.
    const timer = setTimeout(() => finish(child.exitCode === null || child.exitCode === 0), TOOL_TIMEOUT_MS);
    child.on('error', () => finish(false));
    child.on('exit', (code) => finish(code === 0));
    child.stdin.on('error', () => finish(false));
    child.stdin.end(text);
    child.unref();
  });
}

function systemTools(environment: CopyEnvironment): Array<{ name: string; command: string; args: string[] }> {
  const { env, platform } = environment;
  if (platform === 'darwin') return [{ name: 'pbcopy', command: 'pbcopy', args: [] }];
  const tools: Array<{ name: string; command: string; args: string[] }> = [];
  if (env.WAYLAND_DISPLAY) tools.push({ name: 'wl-copy', command: 'wl-copy', args: [] });
  if (env.DISPLAY) {
    tools.push({ name: 'xclip', command: 'xclip', args: ['-selection', 'clipboard'] });
    tools.push({ name: 'xsel', command: 'xsel', args: ['--clipboard', '--input'] });
  }
  return tools;
}

export function osc52(text: string): string {
  return `\x1b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\x07`;
}

// Inside tmux: tmux's paste buffer (-w also sets the outer clipboard where tmux allows).
// Elsewhere: OSC 52 to the terminal. Both: the first system clipboard tool that works.
export async function copyText(text: string, environment: CopyEnvironment): Promise<CopyOutcome> {
  const destinations: string[] = [];
  const { env } = environment;
  if (env.TMUX) {
    const copied =
      (await pipeTo('tmux', ['load-buffer', '-w', '-'], text, env)) ||
      (await pipeTo('tmux', ['load-buffer', '-'], text, env));
    if (copied) destinations.push('tmux buffer');
  } else {
    environment.writeToTerminal(osc52(text));
    destinations.push('terminal (OSC 52)');
  }
  for (const tool of systemTools(environment)) {
    if (await pipeTo(tool.command, tool.args, text, env)) {
      destinations.push(tool.name);
      break;
    }
  }
  return { destinations };
}
