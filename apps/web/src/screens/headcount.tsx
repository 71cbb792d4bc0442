export function HeadcountScreen() {
  return (
    <section>
      <h1>Headcount</h1>
    </section>
  );
}
