-- Grain state for the Orleans ADO.NET grain storage provider (Microsoft.Orleans.Persistence.AdoNet).
-- A row is one grain state: the grain id (hash and two 64-bit halves plus an optional string extension), the
-- grain type and the state name folded into graintypestring, and the service. version is the ETag: a write
-- names the version it read, and a write against an older version changes nothing, so Orleans reports an
-- inconsistent state instead of overwriting a newer one.
create table orleansstorage
(
    grainidhash            integer       not null,
    grainidn0              bigint        not null,
    grainidn1              bigint        not null,
    graintypehash          integer       not null,
    graintypestring        varchar(512)  not null,
    grainidextensionstring varchar(512)  null,
    serviceid              varchar(150)  not null,
    payloadbinary          bytea         null,
    modifiedon             timestamptz   not null,
    version                integer       null
);

-- Lookups go by the two hashes first; the remaining columns are compared on the few rows they find.
create index ix_orleansstorage on orleansstorage using btree (grainidhash, graintypehash);

-- Writes a state and returns its new version. With no version the state was never stored: insert it, unless
-- another activation did so first. With a version: update only that version. A returned version equal to
-- the one passed in means nothing was written.
create function billing_write_to_storage(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_grain_type_hash integer,
    p_grain_type_string varchar, p_grain_id_extension_string varchar, p_service_id varchar,
    p_grain_state_version integer, p_payload_binary bytea)
    returns table (newgrainstateversion integer)
    language plpgsql
as $$
declare
    v_rows integer;
begin
    if p_grain_state_version is not null then
        update orleansstorage
        set payloadbinary = p_payload_binary, modifiedon = now(), version = version + 1
        where grainidhash = p_grain_id_hash and graintypehash = p_grain_type_hash
          and grainidn0 = p_grain_id_n0 and grainidn1 = p_grain_id_n1
          and graintypestring = p_grain_type_string
          and grainidextensionstring is not distinct from p_grain_id_extension_string
          and serviceid = p_service_id
          and version = p_grain_state_version;
        get diagnostics v_rows = row_count;
        return query select case when v_rows > 0 then p_grain_state_version + 1 else p_grain_state_version end;
        return;
    end if;

    -- Two activations of one grain (a split brain) may both try the first insert: the lock lets one see
    -- the row of the other, so only one of them gets version 1.
    perform pg_advisory_xact_lock(p_grain_id_hash, p_grain_type_hash);
    insert into orleansstorage
        (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid,
         payloadbinary, modifiedon, version)
    select p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_type_hash, p_grain_type_string,
           p_grain_id_extension_string, p_service_id, p_payload_binary, now(), 1
    where not exists (
        select 1 from orleansstorage
        where grainidhash = p_grain_id_hash and graintypehash = p_grain_type_hash
          and grainidn0 = p_grain_id_n0 and grainidn1 = p_grain_id_n1
          and graintypestring = p_grain_type_string
          and grainidextensionstring is not distinct from p_grain_id_extension_string
          and serviceid = p_service_id);
    get diagnostics v_rows = row_count;
    return query select case when v_rows > 0 then 1 else null::integer end;
end
$$;

insert into orleansquery (querykey, querytext) values
('WriteToStorageKey', '
    select newgrainstateversion from billing_write_to_storage(
        @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
        @ServiceId, @GrainStateVersion, @PayloadBinary);
'),
('ReadFromStorageKey', '
    select payloadbinary, now() as modifiedon, version
    from orleansstorage
    where grainidhash = @GrainIdHash and @GrainIdHash is not null
      and graintypehash = @GrainTypeHash and @GrainTypeHash is not null
      and grainidn0 = @GrainIdN0 and @GrainIdN0 is not null
      and grainidn1 = @GrainIdN1 and @GrainIdN1 is not null
      and graintypestring = @GrainTypeString and @GrainTypeString is not null
      and grainidextensionstring is not distinct from @GrainIdExtensionString
      and serviceid = @ServiceId and @ServiceId is not null;
'),
('ClearStorageKey', '
    update orleansstorage
    set payloadbinary = null, modifiedon = now(), version = version + 1
    where grainidhash = @GrainIdHash and @GrainIdHash is not null
      and graintypehash = @GrainTypeHash and @GrainTypeHash is not null
      and grainidn0 = @GrainIdN0 and @GrainIdN0 is not null
      and grainidn1 = @GrainIdN1 and @GrainIdN1 is not null
      and graintypestring = @GrainTypeString and @GrainTypeString is not null
      and grainidextensionstring is not distinct from @GrainIdExtensionString
      and serviceid = @ServiceId and @ServiceId is not null
      and version = @GrainStateVersion and @GrainStateVersion is not null
    returning version as newgrainstateversion;
'),
('DeleteStorageKey', '
    delete from orleansstorage
    where grainidhash = @GrainIdHash and @GrainIdHash is not null
      and graintypehash = @GrainTypeHash and @GrainTypeHash is not null
      and grainidn0 = @GrainIdN0 and @GrainIdN0 is not null
      and grainidn1 = @GrainIdN1 and @GrainIdN1 is not null
      and graintypestring = @GrainTypeString and @GrainTypeString is not null
      and grainidextensionstring is not distinct from @GrainIdExtensionString
      and serviceid = @ServiceId and @ServiceId is not null
      and version = @GrainStateVersion and @GrainStateVersion is not null
    returning version + 1 as newgrainstateversion;
');
