// Just enough of Electron's main-process API, recording what main does with it, so that the
// wiring of src/main/main.ts can be checked without the binary.

import { EventEmitter } from 'node:events';

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly extra: Record<string, unknown> = {}) {
    Object.assign(this, extra);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: (() => unknown) | undefined;
  reloads = 0;
  setWindowOpenHandler(handler: () => unknown): void {
    this.windowOpenHandler = handler;
  }
  reload(): void {
    this.reloads++;
  }
}

export interface FakeWindowInstance extends EventEmitter {
  readonly webContents: FakeWebContents;
  readonly options: Record<string, unknown>;
  loaded: string | undefined;
  shown: boolean;
}

type Listener = (event: unknown, args: unknown) => Promise<unknown>;

export interface FakeRecord {
  privilegedSchemes: unknown[];
  sandboxEnabled: boolean;
  quit: number;
  ipc: Map<string, Listener>;
  protocols: Map<string, (request: Request) => Promise<Response>>;
  windows: FakeWindowInstance[];
  permission: Record<string, unknown>;
  beforeRequest: undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void);
  headersReceived:
    | undefined
    | ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void);
  /** Each dialog shown: which, for which window, with what options. */
  dialogs: { kind: 'open' | 'save'; window: unknown; options: Record<string, unknown> }[];
  /** What the next dialogs answer (default: cancelled). */
  dialogAnswers: { canceled: boolean; filePaths?: string[]; filePath?: string }[];
}

export interface FakeElectronKit {
  electron: {
    app: EventEmitter;
    BrowserWindow: new (options: Record<string, unknown>) => FakeWindowInstance;
    ipcMain: { handle(channel: string, listener: Listener): void };
    protocol: object;
    dialog: object;
    session: { defaultSession: EventEmitter };
    powerMonitor: EventEmitter;
  };
  record: FakeRecord;
  app: EventEmitter;
  defaultSession: EventEmitter;
}

export function createFakeElectron(options: { singleInstance?: boolean; isPackaged?: boolean } = {}): FakeElectronKit {
  const record: FakeRecord = {
    privilegedSchemes: [],
    sandboxEnabled: false,
    quit: 0,
    ipc: new Map(),
    protocols: new Map(),
    windows: [],
    permission: {},
    beforeRequest: undefined,
    headersReceived: undefined,
    dialogs: [],
    dialogAnswers: [],
  };

  const sessionEvents = new EventEmitter();
  const defaultSession = Object.assign(sessionEvents, {
    setPermissionRequestHandler: (h: unknown) => (record.permission['request'] = h),
    setPermissionCheckHandler: (h: unknown) => (record.permission['check'] = h),
    setDevicePermissionHandler: (h: unknown) => (record.permission['device'] = h),
    setDisplayMediaRequestHandler: (h: unknown) => (record.permission['displayMedia'] = h),
    webRequest: {
      onBeforeRequest: (h: FakeRecord['beforeRequest']) => (record.beforeRequest = h),
      onHeadersReceived: (h: FakeRecord['headersReceived']) => (record.headersReceived = h),
    },
  });

  class FakeWindow extends EventEmitter implements FakeWindowInstance {
    static fromWebContents(contents: unknown): FakeWindow | null {
      return (record.windows.find((w) => w.webContents === contents) as FakeWindow | undefined) ?? null;
    }
    readonly webContents = new FakeWebContents();
    loaded: string | undefined;
    shown = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      record.windows.push(this);
      app.emit('web-contents-created', new FakeEvent(), this.webContents);
    }
    loadURL(url: string): Promise<void> {
      this.loaded = url;
      return Promise.resolve();
    }
    show(): void {
      this.shown = true;
    }
    isMinimized(): boolean {
      return false;
    }
    restore(): void {}
    focus(): void {}
  }

  const app = Object.assign(new EventEmitter(), {
    isPackaged: options.isPackaged ?? true,
    enableSandbox: () => (record.sandboxEnabled = true),
    requestSingleInstanceLock: () => options.singleInstance ?? true,
    quit: () => record.quit++,
    getPath: (name: string) => `/home/anna/${name}`,
    whenReady: () => Promise.resolve(),
  });

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    ipcMain: { handle: (channel: string, listener: Listener) => void record.ipc.set(channel, listener) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => record.privilegedSchemes.push(...schemes),
      handle: (scheme: string, handler: (r: Request) => Promise<Response>) => record.protocols.set(scheme, handler),
    },
    session: { defaultSession },
    dialog: {
      showOpenDialog: async (window: unknown, options: Record<string, unknown>) => {
        record.dialogs.push({ kind: 'open', window, options });
        return { canceled: true, filePaths: [], ...record.dialogAnswers.shift() };
      },
      showSaveDialog: async (window: unknown, options: Record<string, unknown>) => {
        record.dialogs.push({ kind: 'save', window, options });
        return { canceled: true, ...record.dialogAnswers.shift() };
      },
    },
    powerMonitor: Object.assign(new EventEmitter(), { getSystemIdleTime: () => 0 }),
  };
  return { electron, record, app, defaultSession };
}
