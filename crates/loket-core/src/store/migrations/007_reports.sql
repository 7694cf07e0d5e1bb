-- Reports: a month's report reads that month's rows, not the whole history.
-- The history only grows (every step of every request, year after year), so
-- without these a monthly recap would cost more every year.

-- Step completions and end events (done, skipped, reject, cancel) in a
-- period: step times, overdue steps, requests that ended in the period.
CREATE INDEX request_events_kind_acted ON request_events(kind, acted_at);
-- Certificates issued and revoked in a period, per month of a year.
CREATE INDEX certificates_issued ON certificates(issued_on);
CREATE INDEX certificates_revoked_on ON certificates(revoked_on);
