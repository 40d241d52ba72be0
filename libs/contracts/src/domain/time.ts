/** Domain dates (deadlines, cycle years) are computed in Vietnam's time zone, whatever the server's TZ. */
export const DOMAIN_TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** The calendar year of an instant in Vietnam (the OCOP cycle year a registration belongs to). */
export function yearInVietnam(instant: Date): number {
  const year = new Intl.DateTimeFormat('en-CA', { timeZone: DOMAIN_TIME_ZONE, year: 'numeric' }).format(instant);
  return Number(year);
}
