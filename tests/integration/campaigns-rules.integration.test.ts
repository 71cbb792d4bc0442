import type { INestApplicationContext } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CALENDAR_NAMES,
  complianceRefusals,
  type ConsumerCalendar,
  consumerFreeAtSql,
  consumerMayCallSql,
  type ConsumerRecord,
  consumerRuleSql,
  type ContactBasis,
  lawfulBasisRule,
  lawfulBasisSql,
  nextCallingTime,
  SqlParameters,
  windowEnd,
  zoneOfCalendar,
} from '#campaigns';
import { databaseBackends } from '../support/environment.js';
import { startTestContext } from '../support/test-context.js';

const DAY = 86_400_000;
const local = (calendar: ConsumerCalendar, iso: string) =>
  DateTime.fromISO(iso, { zone: zoneOfCalendar(calendar) }).toJSDate();

/** Moments at every edge: window opening and ends on each consumer's clock, DST days, holidays, weekends. */
function edgeMoments(): Date[] {
  const moments: Date[] = [];
  const days = [
    '2026-11-23', // ordinary Monday
    '2026-11-11', // national holiday
    '2026-11-21', // Saturday
    '2026-04-03', // Good Friday: Alsace-Moselle, Guadeloupe, Martinique
    '2026-05-22', // Martinique's abolition day
    '2026-12-21', // Monday after Réunion's 20 December
    '2027-12-20', // Réunion's 20 December on a Monday
    '2026-03-09', // Saint-Pierre-et-Miquelon just after North American DST
    '2026-03-30', // Paris just after its spring change
    '2026-10-26', // Paris just after its autumn change
  ];
  for (const calendar of ['FR', 'RE', 'MQ', 'PM'] as ConsumerCalendar[])
    for (const day of days)
      for (const time of ['09:59', '10:00', '12:59', '13:00', '13:59', '14:00', '19:59', '20:00'])
        moments.push(local(calendar, `${day}T${time}`));
  return moments;
}

describe.each(databaseBackends())(
  'the calling rules’ SQL form agrees with their TypeScript form on %s',
  (backend) => {
    let app: INestApplicationContext;
    let close: () => Promise<void>;
    let data: DataSource;

    beforeAll(async () => {
      ({ app, close } = await startTestContext(backend, { imports: [] }));
      data = app.get(DataSource);
    });
    afterAll(() => close?.());

    it('the same first rule, window end and next lawful moment for every calendar at every edge', async () => {
      const base = local('FR', '2026-11-23T11:00');
      const records = new Map<string, ConsumerRecord>();
      let n = 0;
      for (const calendar of CALENDAR_NAMES) {
        const variants: Array<Omit<ConsumerRecord, 'calendar'>> = [
          { attempts: [] },
          { attempts: [], refusedAt: new Date(base.getTime() - 59 * DAY) },
          { attempts: [], refusedAt: new Date(base.getTime() - 61 * DAY) },
          { attempts: [1, 5, 10, 29].map((d) => new Date(base.getTime() - d * DAY)) },
          { attempts: [1, 5, 10].map((d) => new Date(base.getTime() - d * DAY)) },
          { attempts: [], doNotCallAt: new Date(base.getTime() - 400 * DAY) },
        ];
        for (const variant of variants)
          records.set(`+3361000${String(n++).padStart(4, '0')}`, { calendar, ...variant });
      }
      for (const [phone, record] of records)
        await data.query(
          `INSERT INTO consumer (phone, region, time_zone, calendar, refused_at, do_not_call_at, recent_attempts)
         VALUES ($1, 'FR', $2, $3, $4, $5, $6)`,
          [
            phone,
            zoneOfCalendar(record.calendar),
            record.calendar,
            record.refusedAt ?? null,
            record.doNotCallAt ?? null,
            [...record.attempts].sort((a, b) => a.getTime() - b.getTime()),
          ],
        );
      const moments = [base, ...edgeMoments()];
      let compared = 0;
      for (const at of moments) {
        const params = new SqlParameters();
        const rules = consumerRuleSql(at, params, 'p');
        const freeAt = consumerFreeAtSql(at, params, 'p');
        const may = consumerMayCallSql(at, params, 'p');
        const rows: Array<{
          phone: string;
          rule: string | null;
          call_before: Date | null;
          free_at: Date | null;
          lawful: boolean;
          may_call_before: Date | null;
        }> = await data.query(
          `SELECT p.phone, ${rules.rule} AS rule, cal.call_before, ${freeAt} AS free_at,
                  ${may.lawful} AS lawful, ${may.callBefore} AS may_call_before
             FROM consumer p ${rules.join}`,
          params.values,
        );
        expect(rows).toHaveLength(records.size);
        for (const row of rows) {
          const record = records.get(row.phone)!;
          const context = `${row.phone} ${record.calendar} at ${at.toISOString()}`;
          expect(row.rule, context).toBe(complianceRefusals(record, at)[0] ?? null);
          expect(row.call_before?.toISOString() ?? null, context).toBe(
            windowEnd(record.calendar, at)?.toISOString() ?? null,
          );
          // the lease's plain-predicate form says the same: lawful exactly when no rule stops the call
          expect(row.lawful, context).toBe(row.rule === null);
          expect(row.may_call_before?.toISOString() ?? null, context).toBe(
            row.call_before?.toISOString() ?? null,
          );
          if (!row.rule) expect(row.free_at?.toISOString(), context).toBe(at.toISOString());
          if (row.free_at) {
            // the consumer's own limits are lifted from free_at on; its calendar then opens at nextCallingTime
            const next = nextCallingTime(record.calendar, row.free_at);
            expect(complianceRefusals(record, next), context).toEqual([]);
          }
          compared++;
        }
      }
      expect(compared).toBe(moments.length * records.size);
      // hundreds of queries and checks: room for a loaded CI machine (30 s under load ~20 on 2 cores)
    }, 240_000);

    it('the lawful basis’ SQL form agrees with its TypeScript form: two offers, contract end dates at each calendar’s midnight', async () => {
      const phoneOf = (calendar: ConsumerCalendar) =>
        `+3362${String(CALENDAR_NAMES.indexOf(calendar)).padStart(7, '0')}`;
      for (const calendar of CALENDAR_NAMES)
        await data.query(
          `INSERT INTO consumer (phone, region, time_zone, calendar) VALUES ($1, 'FR', $2, $3) ON CONFLICT DO NOTHING`,
          [phoneOf(calendar), zoneOfCalendar(calendar), calendar],
        );
      const contacts: ContactBasis[] = [
        { lawfulBasis: 'consent', contractOffer: null, contractEndsOn: null },
        { lawfulBasis: 'current_contract', contractOffer: 'prevoyance', contractEndsOn: null },
        { lawfulBasis: 'current_contract', contractOffer: 'obseques', contractEndsOn: null },
        ...['2026-11-22', '2026-11-23', '2026-11-24'].map((day) => ({
          lawfulBasis: 'current_contract' as const,
          contractOffer: 'prevoyance',
          contractEndsOn: day,
        })),
      ];
      const moments = CALENDAR_NAMES.flatMap((calendar) =>
        [
          '2026-11-22T23:59',
          '2026-11-23T00:00',
          '2026-11-23T11:00',
          '2026-11-23T23:59',
          '2026-11-24T00:00',
        ].map((time) => local(calendar, time)),
      );
      let compared = 0;
      for (const offers of [['prevoyance'], ['prevoyance', 'obseques'], []])
        for (const at of moments) {
          const params = new SqlParameters();
          const basis = lawfulBasisSql(at, params, offers, 'c', 'p');
          const values = contacts.map(
            (contact, index) =>
              `(${index}, ${params.add(contact.lawfulBasis)}::text, ${params.add(contact.contractOffer)}::text, ${params.add(contact.contractEndsOn)}::date)`,
          );
          const rows: Array<{
            contact: number;
            calendar: ConsumerCalendar;
            rule: string | null;
            lawful: boolean;
          }> = await data.query(
            `SELECT c.contact, p.calendar, ${basis.rule} AS rule, ${basis.lawful} AS lawful
                 FROM (VALUES ${values.join(', ')}) AS c(contact, lawful_basis, contract_offer, contract_ends_on)
                 CROSS JOIN consumer p WHERE p.phone = ANY(${params.add(CALENDAR_NAMES.map(phoneOf))})`,
            params.values,
          );
          expect(rows).toHaveLength(contacts.length * CALENDAR_NAMES.length);
          for (const row of rows) {
            const expected = lawfulBasisRule(contacts[row.contact], offers, row.calendar, at);
            const context = `contact ${row.contact} ${row.calendar} offers ${offers.join('+')} at ${at.toISOString()}`;
            expect(row.rule, context).toBe(expected);
            expect(row.lawful, context).toBe(expected === null);
            compared++;
          }
        }
      expect(compared).toBe(3 * moments.length * contacts.length * CALENDAR_NAMES.length);
      // the edges themselves: a contract is in force through its last day on the consumer's clock
      const ends23 = contacts[4];
      expect(lawfulBasisRule(ends23, ['prevoyance'], 'FR', local('FR', '2026-11-23T23:59'))).toBeNull();
      expect(lawfulBasisRule(ends23, ['prevoyance'], 'FR', local('FR', '2026-11-24T00:00'))).toBe(
        'contract_ended',
      );
      // 23:30 in Paris on the 23rd is already the 24th in Réunion
      expect(lawfulBasisRule(ends23, ['prevoyance'], 'RE', local('FR', '2026-11-23T23:30'))).toBe(
        'contract_ended',
      );
      expect(lawfulBasisRule(contacts[2], ['prevoyance'], 'FR', local('FR', '2026-11-23T11:00'))).toBe(
        'contract_unrelated',
      );
    }, 120_000);

    it('a consumer of a calendar the rules do not know is never lawful', async () => {
      await data.query(
        `INSERT INTO consumer (phone, region, time_zone, calendar) VALUES ('+33699999999', 'FR', 'Europe/Paris', 'XX')`,
      );
      const params = new SqlParameters();
      const rules = consumerRuleSql(local('FR', '2026-11-23T11:00'), params, 'p');
      params.add('+33699999999');
      const rows = await data.query(
        `SELECT ${rules.rule} AS rule FROM consumer p ${rules.join} WHERE p.phone = $${params.values.length}`,
        params.values,
      );
      expect(rows).toEqual([]);
      const lease = new SqlParameters();
      const may = consumerMayCallSql(local('FR', '2026-11-23T11:00'), lease, 'p');
      lease.add('+33699999999');
      expect(
        await data.query(
          `SELECT ${may.lawful} AS lawful, ${may.callBefore} AS call_before
             FROM consumer p WHERE p.phone = $${lease.values.length}`,
          lease.values,
        ),
      ).toEqual([{ lawful: false, call_before: null }]);
    });
  },
);
