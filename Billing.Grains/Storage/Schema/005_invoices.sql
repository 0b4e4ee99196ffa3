-- Issued invoices (Billing.Grains.Invoicing.PostgresInvoiceStore). A row is one immutable invoice: one per
-- customer and month. Lines and adjustments are jsonb arrays whose amounts are strings, so they stay exact;
-- total is their sum, kept for queries and reports.
create table billing_invoices
(
    number      bigint      primary key,
    customer    text        not null,
    month       text        not null,
    currency    text        not null,
    lines       jsonb       not null,
    adjustments jsonb       not null,
    total       numeric     not null,
    issued_at   timestamptz not null,

    constraint uq_billing_invoices_customer_month unique (customer, month),
    constraint ck_billing_invoices_month check (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
    constraint ck_billing_invoices_number check (number > 0)
);

-- The last invoice number handed out. Exactly one row: the key can only be true, and the row is seeded here
-- and cannot be deleted. Issuers lock it (select ... for update) in the transaction that inserts their
-- invoices, so numbering is gapless and increasing across processes, and a rolled-back issue takes no number.
create table billing_invoice_numbers
(
    only_row    boolean not null default true primary key,
    last_number bigint  not null,

    constraint ck_billing_invoice_numbers_one_row check (only_row),
    constraint ck_billing_invoice_numbers_last_number check (last_number >= 0)
);

insert into billing_invoice_numbers (only_row, last_number) values (true, 0);

create function billing_invoice_numbers_keep_row() returns trigger
language plpgsql as $$
begin
    raise exception 'billing_invoice_numbers must keep its single row';
end
$$;

create trigger billing_invoice_numbers_no_delete
    before delete on billing_invoice_numbers
    for each row execute function billing_invoice_numbers_keep_row();

create trigger billing_invoice_numbers_no_truncate
    before truncate on billing_invoice_numbers
    for each statement execute function billing_invoice_numbers_keep_row();
