-- Reminders for the Orleans ADO.NET reminder service (Microsoft.Orleans.Reminders.AdoNet). A row is one
-- reminder of one grain; grainhash places it on the ring of silos, so each silo reads the range it owns.
-- version is the ETag a delete must name.
create table orleansreminderstable
(
    serviceid    varchar(150)   not null,
    grainid      varchar(150)   not null,
    remindername varchar(150)   not null,
    starttime    timestamptz(3) not null,
    period       bigint         not null,
    grainhash    integer        not null,
    version      integer        not null,

    constraint pk_reminderstable_serviceid_grainid_remindername primary key (serviceid, grainid, remindername)
);

-- Range reads go by service and hash.
create index ix_orleansreminderstable_grainhash on orleansreminderstable using btree (serviceid, grainhash);

insert into orleansquery (querykey, querytext) values
-- Registering a reminder again replaces its schedule and moves its version on.
('UpsertReminderRowKey', '
    insert into orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
    values (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    on conflict (serviceid, grainid, remindername) do update
        set starttime = excluded.starttime,
            period = excluded.period,
            grainhash = excluded.grainhash,
            version = orleansreminderstable.version + 1
    returning version;
'),
('ReadReminderRowsKey', '
    select grainid, remindername, starttime, period, version
    from orleansreminderstable
    where serviceid = @ServiceId and @ServiceId is not null
      and grainid = @GrainId and @GrainId is not null;
'),
('ReadReminderRowKey', '
    select grainid, remindername, starttime, period, version
    from orleansreminderstable
    where serviceid = @ServiceId and @ServiceId is not null
      and grainid = @GrainId and @GrainId is not null
      and remindername = @ReminderName and @ReminderName is not null;
'),
-- The range (begin, end] of the ring, when it does not wrap around.
('ReadRangeRows1Key', '
    select grainid, remindername, starttime, period, version
    from orleansreminderstable
    where serviceid = @ServiceId and @ServiceId is not null
      and grainhash > @BeginHash and @BeginHash is not null
      and grainhash <= @EndHash and @EndHash is not null;
'),
-- The range (begin, end] of the ring, when it wraps around past the largest hash.
('ReadRangeRows2Key', '
    select grainid, remindername, starttime, period, version
    from orleansreminderstable
    where serviceid = @ServiceId and @ServiceId is not null
      and ((grainhash > @BeginHash and @BeginHash is not null)
        or (grainhash <= @EndHash and @EndHash is not null));
'),
-- Deletes only the version the caller read; the row count tells Orleans whether it did.
('DeleteReminderRowKey', '
    with deleted as (
        delete from orleansreminderstable
        where serviceid = @ServiceId and @ServiceId is not null
          and grainid = @GrainId and @GrainId is not null
          and remindername = @ReminderName and @ReminderName is not null
          and version = @Version and @Version is not null
        returning 1)
    select count(*)::integer from deleted;
'),
('DeleteReminderRowsKey', '
    delete from orleansreminderstable
    where serviceid = @ServiceId and @ServiceId is not null;
');
