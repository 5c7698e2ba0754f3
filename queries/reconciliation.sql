-- Reported totals against the recorded legs (docs/figures.md, "Reported totals"): one row per total a
-- source states, on an event in view. A running total (with a series) is set beside the legs of the
-- series' events dated up to its as_of; a total for one event (or programme of staged swaps) beside
-- that event's legs and its stages'. Legs count when they match the total's side(s) and groups (none
-- named: every group but bodies). The gap is what the sources claim beyond the recorded legs.
-- Returns: event_id, series (the numbering body's name; NULL for an event's own total), as_of, what,
-- side, claimed (as read out), claimed_best, recorded (best figure of the legs), recorded_low,
-- recorded_high (NULL: no upper bound), gap (claimed_best - recorded), events_counted, numbers (the series
-- numbers counted, as 'first-last'), sources. recorded, its low and high, and gap are NULL where nothing is
-- recorded to compare with: a total with no series stated on an event that has no legs (nor stages), or a
-- running total dated before any leg of its series (listed all the same: no stated total is left out).
-- contradicts: no figure the recorded legs allow is one the sources allow (ranges that do not meet).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
claims as (  -- (key: what a total counts, its sides and groups, as one value)
    select t.*, coalesce(t.from_country, '') || '>' || coalesce(t.to_country, '') || ':'
                || array_to_string(t.groups, ',') as key
    from reported_totals t
    where t.event_id in (select id from filtered_events($date_from, $date_to, $countries, $country_role,
                                                        $kinds, $statuses, $person))
),
event_counted as (  -- per claim for one event (no series): the event and its stages
    select c.event_id, c.seq, c.event_id as counted_id from claims c where c.series_id is null
    union all
    select c.event_id, c.seq, k.event_id
    from claims c join event_links k on k.linked_event_id = c.event_id and k.relation = 'part-of'
    where c.series_id is null
),
event_comparable as (  -- a claim with no series on an event with no legs (nor stages) is a statement only
    select distinct ce.event_id, ce.seq from event_counted ce join legs l on l.event_id = ce.counted_id
),
event_recorded as (
    select ce.event_id, ce.seq,
           cast(coalesce(sum(l.count), 0) as bigint) as recorded,
           cast(coalesce(sum(l.count_low), 0) as bigint) as recorded_low,
           case when count(l.seq) filter (where l.count_high is null) = 0
                then cast(coalesce(sum(l.count_high), 0) as bigint) end as recorded_high,
           count(distinct ce.counted_id) as events_counted, cast(null as varchar) as numbers,
           bool_or(k.event_id is not null) as comparable
    from event_counted ce
    join claims c on c.event_id = ce.event_id and c.seq = ce.seq
    left join event_comparable k on k.event_id = ce.event_id and k.seq = ce.seq
    left join legs l on l.event_id = ce.counted_id
        and (c.from_country is null or l.from_country = c.from_country)
        and (c.to_country is null or l.to_country = c.to_country)
        and (case when len(c.groups) = 0 then l.grp <> 'bodies' else list_contains(c.groups, l.grp) end)
    group by ce.event_id, ce.seq
),
-- A running total counts the legs of its series' events dated up to its as_of. Rather than joining every
-- claim to every earlier event (claims x events), the series' legs are summed day by day into running
-- sums per side and group, and each claim reads the sums of its last day (an as-of join).
series_days as (
    select s.series_id, e.date_start as day, count(distinct s.event_id) as events,
           min(s.number) as first_number, max(s.number) as last_number
    from event_series s join events e on e.id = s.event_id
    group by s.series_id, e.date_start
),
series_running as (
    select series_id, day,
           sum(events) over (partition by series_id order by day) as events_counted,
           min(first_number) over (partition by series_id order by day) as first_number,
           max(last_number) over (partition by series_id order by day) as last_number
    from series_days
),
series_leg_days as (
    select s.series_id, l.from_country, l.to_country, l.grp, e.date_start as day,
           sum(l.count) as n, sum(l.count_low) as low, sum(l.count_high) as high,
           count(*) filter (where l.count_high is null) as open_high
    from event_series s join events e on e.id = s.event_id join legs l on l.event_id = s.event_id
    group by s.series_id, l.from_country, l.to_country, l.grp, e.date_start
),
claim_filters as (  -- the sides and groups the running totals of a series count (few per series)
    select distinct series_id, from_country, to_country, groups, key from claims where series_id is not null
),
filter_running as (  -- per series and what its totals count: the matching legs summed up to each day
    select series_id, key, day,
           sum(n) over w as n, sum(low) over w as low, sum(high) over w as high, sum(open_high) over w as open_high
    from (
        select f.series_id, f.key, d.day, sum(d.n) as n, sum(d.low) as low, sum(d.high) as high,
               sum(d.open_high) as open_high
        from claim_filters f join series_leg_days d on d.series_id = f.series_id
            and (f.from_country is null or d.from_country = f.from_country)
            and (f.to_country is null or d.to_country = f.to_country)
            and (case when len(f.groups) = 0 then d.grp <> 'bodies' else list_contains(f.groups, d.grp) end)
        group by f.series_id, f.key, d.day
    )
    window w as (partition by series_id, key order by day)
),
flow_sums as (
    select c.event_id, c.seq, cast(r.n as bigint) as recorded, cast(r.low as bigint) as recorded_low,
           case when r.open_high = 0 then cast(r.high as bigint) end as recorded_high
    from claims c
    asof join filter_running r on r.series_id = c.series_id and r.key = c.key and c.as_of_end >= r.day
),
series_recorded as (
    select c.event_id, c.seq,
           coalesce(f.recorded, 0) as recorded, coalesce(f.recorded_low, 0) as recorded_low,
           case when f.event_id is null then 0 else f.recorded_high end as recorded_high,
           coalesce(n.events_counted, 0) as events_counted,
           n.first_number || '–' || n.last_number as numbers,
           coalesce(c.as_of_end >= l.first_day, false) as comparable
    from claims c
    left join (select series_id, min(day) as first_day from series_leg_days group by series_id) l
        on l.series_id = c.series_id
    left join flow_sums f on f.event_id = c.event_id and f.seq = c.seq
    asof left join series_running n on n.series_id = c.series_id and c.as_of_end >= n.day
    where c.series_id is not null
),
recorded as (
    select * from event_recorded union all select * from series_recorded
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
        case when r.comparable then r.recorded end as recorded,
        case when r.comparable then r.recorded_low end as recorded_low,
        case when r.comparable then r.recorded_high end as recorded_high,
        case when r.comparable then c.count - r.recorded end as gap,
        -- no figure the legs allow is one the sources allow (validate's legs-vs-reported, for a total
        -- with no series; the legs of a programme's stages included here)
        r.comparable and ((c.count_high is not null and r.recorded_low > c.count_high)
                                    or (r.recorded_high is not null and r.recorded_high < c.count_low)) as contradicts,
        r.events_counted, r.numbers, sources_listed(c.source_ids) as sources
    from claims c
    join recorded r on r.event_id = c.event_id and r.seq = c.seq
    left join people p on p.id = c.series_id
    left join countries fc on fc.code = c.from_country
    left join countries tc on tc.code = c.to_country
    order by c.series_id nulls last, c.as_of_end, c.event_id, c.seq
)
select * from final
