import { Unavailable } from '../components/states';

export function OpenAlerts() {
  return (
    <section className="tile side-tile" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Open alerts</h2>
      <Unavailable what="Alerts" />
    </section>
  );
}
