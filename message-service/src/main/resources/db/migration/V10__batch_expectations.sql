-- A command batch may write on the strength of what it predicts it would read (ADR 0045): each prediction is
-- asserted by a statement at the head of the batch's one round trip, which calls this. When a prediction no longer
-- holds, the error aborts the transaction — the writes and the commit after it in the same trip are skipped — and
-- the batch is handled again the reading way. The code is the message-service's own (class PX: Parley).
create function parley_expect(holds boolean, what text) returns boolean
    language plpgsql as $$
begin
    if holds is not true then
        raise exception 'parley: the batch''s prediction of % no longer holds', what using errcode = 'PX001';
    end if;
    return true;
end
$$;
