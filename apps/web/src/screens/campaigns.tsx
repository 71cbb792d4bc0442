export function CampaignsScreen() {
  return (
    <section>
      <h1>Campaigns</h1>
    </section>
  );
}
