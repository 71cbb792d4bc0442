export function PortalScreen() {
  return (
    <section>
      <h1>Staffing reports</h1>
    </section>
  );
}
