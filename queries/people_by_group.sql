-- The people moved in the completed exchanges in view, by category (leg group): what "People exchanged"
-- is made of (docs/figures.md). Bodies are listed but not part of "People exchanged".
-- Returns: grp, people (best figure), people_low, people_high (NULL: no upper bound), people_disputed,
-- legs_uncertain (legs whose count is not exact). Parameters: $date_from, $date_to, $countries,
-- $country_role, $kinds, $statuses, $person.
with
kept as (
    select id from filtered_events($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
    where kind = 'exchange' and status = 'completed'
),
final as (
    select
        l.grp,
        cast(sum(l.count) as bigint) as people,
        cast(sum(l.count_low) as bigint) as people_low,
        case when count(*) filter (where l.count_high is null) = 0 then cast(sum(l.count_high) as bigint) end
            as people_high,
        cast(coalesce(sum(l.count) filter (where l.disputed), 0) as bigint) as people_disputed,
        count(*) filter (where l.estimate <> 'exact') as legs_uncertain
    from legs l
    where l.event_id in (select id from kept)
    group by l.grp
    order by l.grp = 'bodies', people desc, l.grp
)
select * from final
