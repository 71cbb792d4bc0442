import { type ReactNode, useEffect } from 'react';
import { ConnectionBadge } from './components/connection-badge';
import { Link, matchPath, navigate, usePath } from './lib/router';
import { type Role, useSession } from './lib/session';
import { BillingScreen } from './screens/billing';
import { CampaignScreen } from './screens/campaign';
import { CampaignsScreen } from './screens/campaigns';
import { ComplianceScreen } from './screens/compliance';
import { HeadcountScreen } from './screens/headcount';
import { MyWallScreen } from './screens/my-wall';
import { PlanningScreen } from './screens/planning';
import { PortalScreen } from './screens/portal';
import { SharedWallScreen } from './screens/shared-wall';
import { SignInScreen } from './screens/sign-in';
import { TransparencyScreen } from './screens/transparency';
import { WallScreen } from './screens/wall';

interface Route {
  path: string;
  label?: string;
  roles: Role[];
  render(params: Record<string, string>): ReactNode;
}

/** Every screen, who may open it, and the navigation it appears in (routes with a label). */
const ROUTES: Route[] = [
  {
    path: '/wall',
    label: 'Wall',
    roles: ['supervisor', 'manager', 'admin', 'partner'],
    render: () => <WallScreen />,
  },
  {
    path: '/my-wall',
    label: 'My wall',
    roles: ['supervisor', 'manager', 'admin', 'partner'],
    render: () => <MyWallScreen />,
  },
  {
    path: '/headcount',
    label: 'Headcount',
    roles: ['supervisor', 'manager', 'admin'],
    render: () => <HeadcountScreen />,
  },
  {
    path: '/planning',
    label: 'Planning',
    roles: ['supervisor', 'manager', 'admin'],
    render: () => <PlanningScreen />,
  },
  { path: '/portal', label: 'Staffing reports', roles: ['partner', 'admin'], render: () => <PortalScreen /> },
  { path: '/campaigns', label: 'Campaigns', roles: ['manager', 'admin'], render: () => <CampaignsScreen /> },
  { path: '/campaigns/:id', roles: ['manager', 'admin'], render: ({ id }) => <CampaignScreen id={id} /> },
  {
    path: '/billing',
    label: 'Billing',
    roles: ['manager', 'admin', 'partner'],
    render: () => <BillingScreen />,
  },
  {
    path: '/transparency',
    label: 'Transparency',
    roles: ['manager', 'admin'],
    render: () => <TransparencyScreen />,
  },
  {
    path: '/compliance',
    label: 'Compliance',
    roles: ['manager', 'admin'],
    render: () => <ComplianceScreen />,
  },
];

/** A wall shared read-only by link (no sign-in: its token is in the fragment). */
const SHARED_WALL = '/shared-wall';

const HOME: Record<Role, string> = {
  supervisor: '/wall',
  admin: '/wall',
  manager: '/campaigns',
  partner: '/portal',
};

export function App() {
  const { user, signOut } = useSession();
  const path = usePath();

  const found = ROUTES.map((route) => ({ route, params: matchPath(route.path, path) })).find((m) => m.params);
  const allowed = user && found && found.route.roles.includes(user.role);

  useEffect(() => {
    if (path === SHARED_WALL) return; // a read-only wall screen signs nobody in
    if (!user) {
      if (path !== '/sign-in')
        navigate(`/sign-in${path !== '/' ? `?next=${encodeURIComponent(path)}` : ''}`, true);
    } else if (path === '/' || path === '/sign-in') navigate(HOME[user.role], true);
  }, [user, path]);

  useEffect(() => {
    const label = found?.route.label;
    document.title = label ? `${label} · Plateau` : 'Plateau';
  }, [found]);

  if (path === SHARED_WALL) return <SharedWallScreen />;
  if (!user) return <SignInScreen />;
  const nav = ROUTES.filter((route) => route.label && route.roles.includes(user.role));

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand" aria-label="Plateau">
          Plateau
        </span>
        <nav aria-label="Main">
          <ul>
            {nav.map((route) => (
              <li key={route.path}>
                <Link href={route.path} aria-current={path.startsWith(route.path) ? 'page' : undefined}>
                  {route.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <ConnectionBadge />
        <span className="who" data-testid="who">
          {user.displayName} <span className="role">{user.role}</span>
        </span>
        <button type="button" className="ghost" onClick={signOut}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        {allowed ? (
          found.route.render(found.params!)
        ) : path === '/' || path === '/sign-in' ? null : (
          <section className="empty">
            <h1>Not found</h1>
            <p>
              There is no such page for your role. <Link href={HOME[user.role]}>Go to your home screen</Link>.
            </p>
          </section>
        )}
      </main>
    </div>
  );
}
