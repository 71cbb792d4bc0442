import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, configureApi } from './api';

export type Role = 'admin' | 'manager' | 'supervisor' | 'partner';

export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  partnerId: string | null;
  /** set for supervisors scoped to some sites */
  siteIds?: string[];
}

interface TokenResponse {
  accessToken: string;
  expiresIn: number;
  user: SessionUser;
}

interface StoredSession {
  token: string;
  user: SessionUser;
  expiresAt: number;
}

interface SessionValue {
  user: SessionUser | null;
  token: string | null;
  signIn(email: string, password: string): Promise<SessionUser>;
  signOut(): void;
}

const STORAGE_KEY = 'plateau.session';
const SessionContext = createContext<SessionValue | null>(null);

function load(): StoredSession | null {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as StoredSession | null;
    return stored && stored.expiresAt > Date.now() ? stored : null;
  } catch {
    return null;
  }
}

function store(response: TokenResponse, siteIds?: string[]): StoredSession {
  const session = {
    token: response.accessToken,
    user: { ...response.user, siteIds },
    expiresAt: Date.now() + response.expiresIn * 1000,
  };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  return session;
}

/** Signed-in user and token, kept across reloads and refreshed before the token expires. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(load);

  const signOut = useCallback(() => {
    localStorage.removeItem(STORAGE_KEY);
    setSession(null);
  }, []);

  configureApi(() => session?.token ?? null, signOut);

  const signIn = useCallback(async (email: string, password: string) => {
    configureApi(
      () => null,
      () => undefined,
    );
    const response = await api<TokenResponse>('/auth/login', { method: 'POST', json: { email, password } });
    const me = await api<{ siteIds?: string[] }>('/auth/me', {
      headers: { authorization: `Bearer ${response.accessToken}` },
    });
    const next = store(response, me.siteIds ? [...me.siteIds] : undefined);
    setSession(next);
    return next.user;
  }, []);

  // refresh at 80% of the token's life; a refused refresh signs out
  useEffect(() => {
    if (!session) return;
    const delay = Math.max(5_000, (session.expiresAt - Date.now()) * 0.8);
    const timer = window.setTimeout(() => {
      api<TokenResponse>('/auth/refresh', { method: 'POST' }).then(
        (response) => setSession(store(response, session.user.siteIds)),
        () => signOut(),
      );
    }, delay);
    return () => window.clearTimeout(timer);
  }, [session, signOut]);

  const value = useMemo<SessionValue>(
    () => ({ user: session?.user ?? null, token: session?.token ?? null, signIn, signOut }),
    [session, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The current token, read at call time (sockets reconnecting after a refresh use the new one). */
export function currentToken(): string | null {
  return load()?.token ?? null;
}
