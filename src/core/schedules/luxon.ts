/**
 * luxon, as the schedule modules (and cron-parser, which shares the bundle's copy) use it. The
 * default locale is named: it is the one luxon's formatting falls back to anyway (`toFormat`
 * formats in English), and naming it spares luxon asking ICU for the system's locale the first
 * time a date is made (~25 ms of a start).
 */
import { Settings } from 'luxon';

Settings.defaultLocale = 'en-US';

export { DateTime, IANAZone, Zone, type ZoneOffsetFormat, type ZoneOffsetOptions } from 'luxon';
