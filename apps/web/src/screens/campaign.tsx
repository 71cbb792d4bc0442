export function CampaignScreen({ id }: { id: string }) {
  return (
    <section>
      <h1>Campaign {id}</h1>
    </section>
  );
}
