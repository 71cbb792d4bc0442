export function TransparencyScreen() {
  return (
    <section>
      <h1>Transparency</h1>
    </section>
  );
}
