-- The W3C traceparent of the span an event was appended in (the HTTP request's), so that its record continues
-- that trace when the relay sends it (service-starter's EventOutbox). Rows written before stay null: their
-- records start traces of their own, as before.
alter table event_outbox add column traceparent text;
