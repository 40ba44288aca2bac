// Numbers, dates and sizes in the UI language, through Intl.

import { useTranslation } from 'react-i18next';

export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const number = new Intl.NumberFormat(locale);
  const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const dateOnly = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  return {
    number: (n: number): string => number.format(n),
    /** An ISO time (e.g. a first sighting); invalid input is shown as it is. */
    dateTime: (iso: string): string => {
      const d = new Date(iso);
      return Number.isNaN(d.getTime()) ? iso : dateTime.format(d);
    },
    /**
     * A statement's date is free text as its group wrote it: a YYYY-MM-DD date is shown in the UI
     * language, anything else exactly as written.
     */
    statementDate: (text: string): string => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
      const d = new Date(`${text}T12:00:00Z`);
      return Number.isNaN(d.getTime()) ? text : dateOnly.format(d);
    },
    bytes: (n: number): string => {
      const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
      let value = n;
      let unit = 0;
      while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
      }
      return new Intl.NumberFormat(locale, { style: 'unit', unit: units[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
    },
  };
}
