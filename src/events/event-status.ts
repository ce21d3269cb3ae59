export const EVENT_STATUSES = ['scheduled', 'cancelled', 'postponed', 'completed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];
