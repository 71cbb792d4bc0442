import { ScreenError } from '../../components/states';
import { EmptyRow, TableHead } from '../../components/table-head';
import { useExchangeRates } from './use-exchange-rates';

/**
 * The MAD→EUR rate of each month, which converts contract costs in dirhams for the campaign
 * allocation's cost view: managers enter a month's rate (a correction becomes its next version).
 * Typed with a decimal point or comma.
 */
export function ExchangeRates({ month, manager }: { month: string; manager: boolean }) {
  const { year, rates, rate, setRate, failure, save } = useExchangeRates(month);
  return (
    <section className="panel" data-testid="exchange-rates">
      <header className="screen-head">
        <h2>MAD→EUR exchange rates, {year}</h2>
        {manager && (
          <form onSubmit={(event) => void save(event)}>
            <label>
              Euros for 1 MAD in {month}{' '}
              <input
                inputMode="decimal"
                value={rate}
                onChange={(event) => setRate(event.target.value)}
                placeholder="0,0921"
                size={8}
              />
            </label>{' '}
            <button type="submit" disabled={!rate.trim()}>
              Save rate
            </button>
          </form>
        )}
      </header>
      {failure && <ScreenError error={failure} />}
      {rates.error ? (
        <ScreenError error={rates.error} />
      ) : (
        <table>
          <TableHead columns={['Month', 'EUR per MAD', 'Version', 'Entered by', 'Note']} />
          <tbody>
            {rates.data?.length ? (
              rates.data.map((entry) => (
                <tr
                  key={`${entry.currency}-${entry.month}`}
                  className={entry.month === month ? 'selected' : undefined}
                >
                  <td>{entry.month}</td>
                  <td>{entry.eurPerUnit}</td>
                  <td>{entry.version}</td>
                  <td>{entry.enteredBy}</td>
                  <td>{entry.note}</td>
                </tr>
              ))
            ) : (
              <EmptyRow columns={5}>
                {rates.loading
                  ? 'Loading…'
                  : `No rate for ${year}: contract costs in MAD cannot be put in euros`}
              </EmptyRow>
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
