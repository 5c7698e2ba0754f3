-- A person's quotes, newest first, whatever the filters (the profile on the People page).
-- Returns: id, date, text, channel, context, total_rows (how many quotes the person has in all).
-- Parameters: $person_id, $limit (rows to return; NULL for all).
with
said as (
    select id, date, date_start, text, channel, context from quotes where speaker_id = $person_id
),
final as (
    select id, date, text, channel, context, (select count(*) from said) as total_rows
    from said
    order by date_start desc, id
    limit $limit
)
select * from final
