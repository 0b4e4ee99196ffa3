-- The catalogue of named queries. the Orleans ADO.NET providers issue no SQL of their own: at start-up each
-- provider reads this table and runs the text stored under the keys it knows. Later scripts fill it in.
create table orleansquery
(
    querykey  varchar(64)   not null,
    querytext varchar(8000) not null,

    constraint orleansquery_key primary key (querykey)
);
