-- Billing grain state, written by the batching grain storage: many grains' states per statement.
-- One row per (service, state name, grain key); version is the row's etag, incremented by every write.
create table billing_grain_state
(
    service_id  text        not null,
    state_name  text        not null,
    grain_key   text        not null,
    version     bigint      not null,
    payload     bytea       not null,
    modified_at timestamptz not null default now(),
    primary key (service_id, state_name, grain_key)
);

-- The state Orleans' ADO.NET grain storage kept before: its rows carry the state name as graintypestring and
-- the grain key as grainidextensionstring (string keys) or grainidn1 (integer keys). Payloads are in the same
-- Orleans binary format, so they are copied as they are; versions carry on from where they were.
insert into billing_grain_state (service_id, state_name, grain_key, version, payload, modified_at)
select serviceid, graintypestring, coalesce(grainidextensionstring, grainidn1::text), coalesce(version, 0), payloadbinary, modifiedon
from orleansstorage
where payloadbinary is not null
on conflict do nothing;
