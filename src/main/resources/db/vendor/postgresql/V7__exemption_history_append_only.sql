-- The history of an exemption request is a legal record: no row is ever changed or removed.
create function exemption_event_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'exemption_event is append-only';
end;
$$;
create trigger exemption_event_no_update before update or delete on exemption_event
    for each row execute function exemption_event_append_only();
