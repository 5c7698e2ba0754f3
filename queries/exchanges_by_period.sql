-- Exchanges per month or per year among the filtered events (programmes of staged swaps count by their stages), with the people they moved.
-- Returns: period (first day of the month or year), exchanges, completed, people_moved.
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person, $period
-- (period: 'month' or 'year').
with
selected as (
    select * from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
    where kind = 'exchange' and not is_programme(id)
),
final as (
    select
        date_trunc($period, s.date_start) as period,
        count(*) as exchanges,
        count(*) filter (where s.status = 'completed') as completed,
        cast(coalesce(sum(s.people_moved), 0) as bigint) as people_moved  -- (kept on each event's row)
    from selected s
    group by 1
    order by 1
)
select * from final
