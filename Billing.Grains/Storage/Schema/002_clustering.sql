-- Cluster membership for the Orleans ADO.NET clustering provider (Microsoft.Orleans.Clustering.AdoNet).
-- The provider reads result columns and binds parameters by name, so those names are the contract; the SQL
-- behind them is ours. Conditional writes return the affected row count: 0 tells Orleans that another silo
-- won the race (an optimistic-concurrency failure, which it retries), more than 0 that the write happened.

-- One row per cluster: its version is the optimistic-concurrency token of the whole membership table.
create table orleansmembershipversiontable
(
    deploymentid varchar(150)   not null,
    timestamp    timestamptz(3) not null default now(),
    version      integer        not null default 0,

    constraint pk_orleansmembershipversiontable_deploymentid primary key (deploymentid)
);

-- One row per silo incarnation (address, port and generation).
create table orleansmembershiptable
(
    deploymentid varchar(150)   not null,
    address      varchar(45)    not null,
    port         integer        not null,
    generation   integer        not null,
    siloname     varchar(150)   not null,
    hostname     varchar(150)   not null,
    status       integer        not null,
    proxyport    integer        null,
    suspecttimes varchar(8000)  null,
    starttime    timestamptz(3) not null,
    iamalivetime timestamptz(3) not null,

    constraint pk_membershiptable_deploymentid primary key (deploymentid, address, port, generation),
    constraint fk_membershiptable_membershipversiontable_deploymentid
        foreign key (deploymentid) references orleansmembershipversiontable (deploymentid)
);

-- Creates the version row of the cluster; 0 when it already exists (another silo created it first).
create function billing_insert_membership_version(p_deployment_id varchar)
    returns table (row_count integer)
    language plpgsql
as $$
declare
    v_rows integer;
begin
    insert into orleansmembershipversiontable (deploymentid)
    values (p_deployment_id)
    on conflict (deploymentid) do nothing;
    get diagnostics v_rows = row_count;
    return query select v_rows;
end
$$;

-- Adds a silo row and bumps the table version, both or neither: a stale version, or a row that already
-- exists, means the caller lost a race and must re-read.
create function billing_insert_membership(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_silo_name varchar, p_host_name varchar, p_status integer, p_proxy_port integer,
    p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
    returns table (row_count integer)
    language plpgsql
as $$
declare
    v_rows integer;
begin
    update orleansmembershipversiontable
    set timestamp = now(), version = version + 1
    where deploymentid = p_deployment_id and version = p_version;
    get diagnostics v_rows = row_count;
    if v_rows = 0 then
        return query select 0;
        return;
    end if;

    insert into orleansmembershiptable
        (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
    values
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, p_proxy_port,
         p_start_time, p_i_am_alive_time)
    on conflict (deploymentid, address, port, generation) do nothing;
    get diagnostics v_rows = row_count;
    if v_rows = 0 then
        -- Undo the version bump without raising, so the caller simply sees "not written".
        raise exception using errcode = 'BL001';
    end if;
    return query select v_rows;
exception
    when sqlstate 'BL001' then
        return query select 0;
end
$$;

-- Changes a silo row and bumps the table version, both or neither (see above).
create function billing_update_membership(
    p_deployment_id varchar, p_address varchar, p_port integer, p_generation integer,
    p_status integer, p_suspect_times varchar, p_i_am_alive_time timestamptz, p_version integer)
    returns table (row_count integer)
    language plpgsql
as $$
declare
    v_rows integer;
begin
    update orleansmembershipversiontable
    set timestamp = now(), version = version + 1
    where deploymentid = p_deployment_id and version = p_version;
    get diagnostics v_rows = row_count;
    if v_rows = 0 then
        return query select 0;
        return;
    end if;

    update orleansmembershiptable
    set status = p_status, suspecttimes = p_suspect_times, iamalivetime = p_i_am_alive_time
    where deploymentid = p_deployment_id and address = p_address and port = p_port and generation = p_generation;
    get diagnostics v_rows = row_count;
    if v_rows = 0 then
        raise exception using errcode = 'BL001';
    end if;
    return query select v_rows;
exception
    when sqlstate 'BL001' then
        return query select 0;
end
$$;

insert into orleansquery (querykey, querytext) values
('InsertMembershipVersionKey', '
    select row_count from billing_insert_membership_version(@DeploymentId);
'),
('InsertMembershipKey', '
    select row_count from billing_insert_membership(
        @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
        @StartTime, @IAmAliveTime, @Version);
'),
('UpdateMembershipKey', '
    select row_count from billing_update_membership(
        @DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version);
'),
-- A heartbeat touches only the row of the silo itself and not the table version: Orleans never checks its result.
('UpdateIAmAlivetimeKey', '
    update orleansmembershiptable
    set iamalivetime = @IAmAliveTime
    where deploymentid = @DeploymentId and @DeploymentId is not null
      and address = @Address and @Address is not null
      and port = @Port and @Port is not null
      and generation = @Generation and @Generation is not null;
'),
-- The left join returns the version row even when the silo has no row (yet).
('MembershipReadRowKey', '
    select v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
    from orleansmembershipversiontable v
    left join orleansmembershiptable m
        on m.deploymentid = v.deploymentid
       and m.address = @Address and @Address is not null
       and m.port = @Port and @Port is not null
       and m.generation = @Generation and @Generation is not null
    where v.deploymentid = @DeploymentId and @DeploymentId is not null;
'),
('MembershipReadAllKey', '
    select v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
    from orleansmembershipversiontable v
    left join orleansmembershiptable m on m.deploymentid = v.deploymentid
    where v.deploymentid = @DeploymentId and @DeploymentId is not null;
'),
('DeleteMembershipTableEntriesKey', '
    delete from orleansmembershiptable where deploymentid = @DeploymentId and @DeploymentId is not null;
    delete from orleansmembershipversiontable where deploymentid = @DeploymentId and @DeploymentId is not null;
'),
('GatewaysQueryKey', '
    select address, proxyport, generation
    from orleansmembershiptable
    where deploymentid = @DeploymentId and @DeploymentId is not null
      and status = @Status and @Status is not null
      and proxyport > 0;
'),
-- Sweeps rows of silos declared dead (status 6) whose last sign of life is older than the cut-off. Only dead
-- rows go: a silo that is joining or shutting down may still come back (orleans #9125: without this key a
-- silo does not start).
('CleanupDefunctSiloEntriesKey', '
    delete from orleansmembershiptable
    where deploymentid = @DeploymentId and @DeploymentId is not null
      and status = 6
      and iamalivetime < @IAmAliveTime
      and starttime < @IAmAliveTime
      and coalesce(suspecttimes, '''') = '''';
'),
-- Removes the row of one dead silo, but only as the caller saw it: a row changed since then stays.
('CleanupDefunctSiloEntryKey', '
    delete from orleansmembershiptable
    where deploymentid = @DeploymentId and status = 6
      and address = @Address and port = @Port and generation = @Generation
      and iamalivetime = @IAmAliveTime and starttime = @StartTime
      and coalesce(suspecttimes, '''') = coalesce(@SuspectTimes, '''');
');
