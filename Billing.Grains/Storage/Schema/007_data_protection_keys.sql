-- The web app's ASP.NET Core data-protection key ring (Billing.Web.Security.PostgresXmlRepository). Every web
-- process of a cluster reads and writes these keys, so a sign-in cookie or antiforgery token one process made
-- is read by all of them, and survives restarts. Each row is one element the key manager wrote (a key, or a
-- revocation), as its XML, under its friendly name; rows are only ever added. The key material is not
-- encrypted at rest: access to this table is access to the cookies' keys.
create table billing_data_protection_keys
(
    friendly_name text        primary key,
    xml           text        not null,
    created_at    timestamptz not null default now()
);
