import { createContext, useContext, useSyncExternalStore } from "react";

/**
 * The librarian's session: an API token kept in localStorage, nothing more. The Apollo link reads it for every
 * request; the panels that need it read it through `useSession()`. A token the server refuses is forgotten,
 * with a notice, so the next screen asks for a new one instead of failing request after request.
 */

export interface Session {
  token: string | null;
  /** Why the token was dropped: the server did not accept it (unknown or revoked). */
  notice: "rejected" | null;
}

export const TOKEN_STORAGE_KEY = "kurin.token";

export class TokenStore {
  private session: Session;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: Storage | null) {
    this.session = { token: read(storage), notice: null };
  }

  get token(): string | null {
    return this.session.token;
  }

  /** The current session; the same object until it changes (what useSyncExternalStore needs). */
  readonly snapshot = (): Session => this.session;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  signIn(token: string): void {
    const trimmed = token.trim();
    if (!trimmed) return;
    write(this.storage, trimmed);
    this.set({ token: trimmed, notice: null });
  }

  signOut(): void {
    write(this.storage, null);
    this.set({ token: null, notice: null });
  }

  /** The server refused this token. A token signed in since (another request's answer) is kept. */
  reject(token: string): void {
    if (this.session.token !== token) return;
    write(this.storage, null);
    this.set({ token: null, notice: "rejected" });
  }

  /** Another tab signed in or out. */
  adopt(token: string | null): void {
    if (token !== this.session.token) this.set({ token, notice: null });
  }

  private set(session: Session): void {
    this.session = session;
    for (const listener of this.listeners) listener();
  }
}

function read(storage: Storage | null): string | null {
  try {
    return storage?.getItem(TOKEN_STORAGE_KEY) || null;
  } catch {
    return null; // storage disabled: the session lasts as long as the page
  }
}

function write(storage: Storage | null, token: string | null): void {
  try {
    if (token) storage?.setItem(TOKEN_STORAGE_KEY, token);
    else storage?.removeItem(TOKEN_STORAGE_KEY);
  } catch {
    // storage disabled or full: the session still works for this page
  }
}

export const SessionContext = createContext<TokenStore | null>(null);

function useTokenStore(): TokenStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error("SessionContext is not provided");
  return store;
}

/** The session, re-rendering on sign-in and sign-out, and the store to change it. */
export function useSession(): Session & { store: TokenStore } {
  const store = useTokenStore();
  const session = useSyncExternalStore(store.subscribe, store.snapshot);
  return { ...session, store };
}
