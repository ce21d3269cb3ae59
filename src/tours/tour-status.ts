export const TOUR_STATUSES = ['draft', 'published', 'cancelled', 'completed'] as const;
export type TourStatus = (typeof TOUR_STATUSES)[number];
