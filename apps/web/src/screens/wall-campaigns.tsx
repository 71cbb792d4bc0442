import { Unavailable } from '../components/states';

export function ActiveCampaigns() {
  return (
    <section className="tile side-tile" aria-labelledby="campaigns-title">
      <h2 id="campaigns-title">Active campaigns</h2>
      <Unavailable what="Campaigns" />
    </section>
  );
}
