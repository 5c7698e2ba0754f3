-- Reported totals against the recorded legs (docs/figures.md, "Reported totals"): one row per total a
-- source states, on an event in view. A running total (with a series) is set beside the legs of the
-- series' events dated up to its as_of; a total for one event (or programme of staged swaps) beside
-- that event's legs and its stages'. Legs count when they match the total's side(s) and groups (none
-- named: every group but bodies). The gap is what the sources claim beyond the recorded legs.
-- Returns: event_id, series (the numbering body's name; NULL for an event's own total), as_of, what,
-- side, claimed (as read out), claimed_best, recorded (best figure of the legs), recorded_low,
-- recorded_high (NULL: no upper bound), gap (claimed_best - recorded), events_counted, numbers (the series
-- numbers counted, as 'first-last'), sources. recorded, its low and high, and gap are NULL where nothing is
-- recorded to compare with: a total with no series stated on an event that has no legs (nor stages).
-- contradicts: no figure the recorded legs allow is one the sources allow (ranges that do not meet).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
claims as (
    select t.* from reported_totals t
    where t.event_id in (select id from filtered_events($date_from, $date_to, $countries, $country_role,
                                                        $kinds, $statuses, $person))
),
counted_events as (  -- per claim, the events whose legs it is set against
    select c.event_id, c.seq, s.event_id as counted_id, s.number
    from claims c
    join event_series s on s.series_id = c.series_id
    join events e on e.id = s.event_id and e.date_start <= c.as_of_end
    where c.series_id is not null
    union all
    select c.event_id, c.seq, c.event_id, null from claims c where c.series_id is null
    union all
    select c.event_id, c.seq, k.event_id, null
    from claims c join event_links k on k.linked_event_id = c.event_id and k.relation = 'part-of'
    where c.series_id is null
),
recorded as (
    select ce.event_id, ce.seq,
           cast(coalesce(sum(l.count), 0) as bigint) as recorded,
           cast(coalesce(sum(l.count_low), 0) as bigint) as recorded_low,
           case when count(l.seq) filter (where l.count_high is null) = 0
                then cast(coalesce(sum(l.count_high), 0) as bigint) end as recorded_high
    from counted_events ce
    join claims c on c.event_id = ce.event_id and c.seq = ce.seq
    left join legs l on l.event_id = ce.counted_id
        and (c.from_country is null or l.from_country = c.from_country)
        and (c.to_country is null or l.to_country = c.to_country)
        and (case when len(c.groups) = 0 then l.grp <> 'bodies' else list_contains(c.groups, l.grp) end)
    group by ce.event_id, ce.seq
),
comparable as (  -- a claim with no series on an event with no legs (nor stages) is a statement only
    select distinct ce.event_id, ce.seq from counted_events ce join legs l on l.event_id = ce.counted_id
),
numbered as (
    select event_id, seq, count(distinct counted_id) as events_counted,
           min(number) || '–' || max(number) as numbers
    from counted_events group by event_id, seq
),
final as (
    select
        c.event_id, p.name as series, c.as_of, c.what,
        case when c.from_country is not null and c.to_country is not null then fc.name || ' to ' || tc.name
             when c.to_country is not null then 'to ' || tc.name
             when c.from_country is not null then 'from ' || fc.name
             else 'all sides' end as side,
        case when c.count_high is null then 'at least ' || format('{:,}', c.count_low)
             when c.count_low = c.count and c.count = c.count_high then format('{:,}', c.count)
             else format('{:,}', c.count) || ' (' || format('{:,}', c.count_low) || '–' || format('{:,}', c.count_high) || ')'
        end as claimed,
        c.count as claimed_best,
        case when k.event_id is not null then r.recorded end as recorded,
        case when k.event_id is not null then r.recorded_low end as recorded_low,
        case when k.event_id is not null then r.recorded_high end as recorded_high,
        case when k.event_id is not null then c.count - r.recorded end as gap,
        -- no figure the legs allow is one the sources allow (validate's legs-vs-reported, for a total
        -- with no series; the legs of a programme's stages included here)
        k.event_id is not null and ((c.count_high is not null and r.recorded_low > c.count_high)
                                    or (r.recorded_high is not null and r.recorded_high < c.count_low)) as contradicts,
        n.events_counted, n.numbers, sources_listed(c.source_ids) as sources
    from claims c
    join recorded r on r.event_id = c.event_id and r.seq = c.seq
    join numbered n on n.event_id = c.event_id and n.seq = c.seq
    left join people p on p.id = c.series_id
    left join countries fc on fc.code = c.from_country
    left join countries tc on tc.code = c.to_country
    left join comparable k on k.event_id = c.event_id and k.seq = c.seq
    order by c.series_id nulls last, c.as_of_end, c.event_id, c.seq
)
select * from final
