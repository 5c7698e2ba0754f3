-- A synthetic database of $n events written straight into the tables (no YAML), in the proportions
-- `python -m bench synth` writes: per event 2 sources, 1 person, about 1 quote, 5 countries,
-- 1.1 legs, a link in 3 of 10, a disagreement in 1 of 10. Every choice is a hash of the row number,
-- so the same $n gives the same data. $codes: the country codes to draw from, $names: their names.
-- One statement per `-- name:` block; swapwatch/benchpages.py runs them in order, then fills the
-- countries table and what the writer derives (how many records cite each source, ...) as the store does.

-- name: events
-- (The columns named, so that an optional field added to events needs no change here.)
insert into events (id, kind, status, date, end_date, date_start, date_end, date_precision, date_note, title, summary,
                    place_country, place_city, place_venue, source_ids, sources_label, country_names, people_moved,
                    people_low, people_high, people_disputed, disputes, file, line)
with base as (
    select i, hash(i, 'kind') % 100 as k, hash(i, 'stages') % 5 as s, hash(i, 'day') % 4015 as d,
           hash(i, 'status') % 11 as st,
           [list_element($names, cast(1 + hash(i, side) % len($codes) as integer))  -- as event_countries below
            for side in ['a', 'b', 'mediator']] as country_names
    from range(0, $n) t(i)
),
kinds as (
    select *, case when k < 30 then 'exchange' when k < 36 then 'release' when k < 42 then 'arrest'
                   when k < 48 then 'sentence' when k < 58 then 'call' when k < 68 then 'talks'
                   when k < 73 then 'meeting' when k < 85 then 'statement' when k < 88 then 'agreement'
                   when k < 92 then 'proposal' when k < 95 then 'repatriation' when k < 97 then 'sanctions'
                   else 'attack' end as kind,
           date '2015-01-01' + cast(d as integer) as day
    from base
)
select 'event-' || i, kind,
       case when kind = 'proposal' then (case when st % 2 = 0 then 'proposed' else 'announced' end)
            when kind = 'exchange' then (case when st < 8 then 'completed' when st = 8 then 'agreed'
                                              when st = 9 then 'underway' else 'disputed' end)
            else 'completed' end,
       strftime(day, '%Y-%m-%d'),
       case when kind = 'exchange' and s >= 3 then strftime(day + cast(s - 2 as integer), '%Y-%m-%d') end,
       day, case when kind = 'exchange' and s >= 3 then day + cast(s - 2 as integer) else day end, 'day', null,
       'Synthetic ' || kind || ' ' || i, 'Synthetic ' || kind || ' number ' || i || '.',
       list_element($codes, cast(1 + hash(i, 'mediator') % len($codes) as integer)), 'City ' || (i % 50), null,
       list_sort(list_distinct(['src-' || (hash('event-' || i, 's1') % (2 * $n)),  -- as the citations below
                                'src-' || (hash('event-' || i, 's2') % (2 * $n))])),
       null,  -- sources_label, speaker_name and the like: written afterwards, as the writer writes them
       array_to_string(list_sort(list_distinct(country_names)), ', '),
       case when kind in ('exchange', 'release')  -- as the legs below: two a stage, one stage a day
            then list_sum([1 + hash('event-' || i, x // 2, x % 2) % 399 for x in
                           range(cast(2 * (case when kind = 'exchange' and s >= 3 then s - 1 else 1 end) as bigint))])
            else 0 end as moved,
       moved, moved, 0,  -- people_low, people_high, people_disputed: synthetic legs are exact and undisputed
       case when hash('event-' || i, 'disputed') % 10 = 0 then 1 else 0 end,  -- as the disagreements below
       'synth-' || lpad(cast(i // 250 as varchar), 4, '0') || '.yaml', cast(2 + (i % 250) * 20 as integer)
from kinds;

-- name: event_countries
insert into event_countries
with sides as (
    select i, list_element($codes, cast(1 + hash(i, 'a') % len($codes) as integer)) as a,
              list_element($codes, cast(1 + hash(i, 'b') % len($codes) as integer)) as b,
              list_element($codes, cast(1 + hash(i, 'mediator') % len($codes) as integer)) as m
    from range(0, $n) t(i)
),
listed as (
    select i, 1 as pos, a as country, 'releasing' as role from sides
    union all select i, 2, b, 'receiving' from sides
    union all select i, 3, b, 'releasing' from sides
    union all select i, 4, a, 'receiving' from sides
    union all select i, 5, m, 'mediator' from sides
)
select 'event-' || i, country, role, null,
       row_number() over (partition by i, country order by pos) = 1
from listed;

-- name: legs
insert into legs
with moving as (
    select e.id, e.kind, e.date_start, c.a, c.b, cast(1 + (e.date_end - e.date_start) as integer) as stages
    from events e
    join (select event_id, max(case when role = 'releasing' then country end) as a,
                 min(case when role = 'receiving' then country end) as b
          from event_countries group by event_id) c on c.event_id = e.id
    where e.kind in ('exchange', 'release', 'repatriation')
),
stage_legs as (
    select m.*, stage, side from moving m, range(0, m.stages) s(stage), range(0, 2) d(side)
)
select id, cast(stage * 2 + side + 1 as integer), case when side = 0 then a else b end,
       case when side = 0 then b else a end, cast(1 + hash(id, stage, side) % 399 as integer),
       'exact', cast(1 + hash(id, stage, side) % 399 as integer), cast(1 + hash(id, stage, side) % 399 as integer),
       false,
       case when kind = 'repatriation' then 'bodies'
            else list_element(['prisoners', 'pows', 'civilians', 'wounded'],
                              cast(1 + hash(id, 'g', stage) % 4 as integer)) end,
       strftime(date_start + cast(stage as integer), '%Y-%m-%d'), date_start + cast(stage as integer), null,
       cast(stage + 1 as integer), stages,
       kind <> 'repatriation' and stage = 0 and (side = 0 or a <> b),  -- each direction's first leg of people
       null, kind
from stage_legs;

-- name: leg_people
insert into leg_people
with named as (
    select l.event_id, l.seq, l.from_country, l.to_country, p, 'person-' || (hash(l.event_id, l.seq, p) % $n) as person_id
    from legs l, range(0, cast(hash(l.event_id, l.seq, 'named') % 3 as integer)) t(p)
    where l.count > p
)
select m.event_id, m.seq, m.person_id,
       coalesce(list_sort(list_distinct(list(o.person_id) filter (where o.person_id is not null))), [])
from named m
left join named o on o.event_id = m.event_id and o.from_country = m.to_country and o.person_id <> m.person_id
group by m.event_id, m.seq, m.p, m.person_id;

-- name: event_links
insert into event_links
select 'event-' || i, 'event-' || (hash(i, 'link') % i), list_element(['agreed-at', 'announced-at', 'proposed-at',
       'led-to', 'follows', 'part-of', 'related'], cast(1 + hash(i, 'relation') % 7 as integer)), null
from range(1, $n) t(i) where hash(i, 'linked') % 10 < 3;

-- name: event_topics
insert into event_topics
select 'event-' || i, list_element(['prisoner-exchange', 'ceasefire', 'sanctions', 'negotiations', 'detainees',
       'mediation', 'humanitarian'], cast(1 + hash(i, 'topic') % 7 as integer))
from range(0, $n) t(i);

-- name: event_series
-- One exchange in three numbered in one series (person-0, standing for a numbering body), in date order.
insert into event_series
select id, 'person-0', cast(row_number() over (order by date_start, id) as integer),
       ['src-' || (hash(id, 's1') % (2 * $n))]
from events where kind = 'exchange' and hash(id, 'series') % 3 = 0;

-- name: event_actors
insert into event_actors
select id, 'person-' || (hash(id, 'actor') % $n), 'mediator', null
from events where kind = 'exchange' and hash(id, 'actor') % 5 = 0;

-- name: reported_totals
-- A stated total on one exchange in four (what its legs add up to), and a running total of the series
-- on every tenth numbered one.
insert into reported_totals
select e.id, 1, 'People exchanged', null, null, null, null, [], e.people_moved, 'exact', e.people_moved,
       e.people_moved, e.date, e.date_end, null, ['src-' || (hash(e.id, 's1') % (2 * $n))]
from events e where e.kind = 'exchange' and hash(e.id, 'reported') % 4 = 0
union all
select s.event_id, 2, 'People exchanged in the series so far', 'person-0', 'person-0', null, null, [],
       cast(sum(e.people_moved) over (order by s.number) as integer), 'exact',
       cast(sum(e.people_moved) over (order by s.number) as integer),
       cast(sum(e.people_moved) over (order by s.number) as integer), e.date, e.date_end, null,
       ['src-' || (hash(e.id, 's1') % (2 * $n))]
from event_series s join events e on e.id = s.event_id
qualify s.number % 10 = 0;

-- name: sources
insert into sources
select 'src-' || j, 'Outlet ' || (j % 97), 'Synthetic headline ' || j, strftime(day, '%Y-%m-%d'), day, null,
       'https://example.org/' || j, null, null, null, null, null,
       'synth-' || lpad(cast((j // 2) // 250 as varchar), 4, '0') || '.yaml', cast(2 + j % 500 * 5 as integer), 0
from (select j, date '2015-01-01' + cast(hash(j, 'published') % 4015 as integer) as day from range(0, 2 * $n) t(j));

-- name: people
insert into people
select 'person-' || j, 'Person ' || j, 'person', null, 'Synthetic person number ' || j || '.', null,
       [list_element($codes, cast(1 + hash(j, 'nationality') % len($codes) as integer))],
       [case when hash(j, 'held') % 10 < 6 then 'detainee' else 'official' end],
       list_sort(list_distinct(['src-' || (hash('person-' || j, 's') % (2 * $n))]  -- as the citations below
                               || case when hash(j, 'held') % 10 < 6 then ['src-' || (hash('person-' || j, 'd') % (2 * $n))]
                                       else [] end)),
       null, case when hash(j, 'held') % 10 < 6 then 1 else 0 end,  -- as the detentions below (one spell)
       'synth-' || lpad(cast(j // 250 as varchar), 4, '0') || '.yaml', cast(2 + (j % 250) * 9 as integer), null
from range(0, $n) t(j);

-- name: person_aliases
insert into person_aliases select 'person-' || j, 'P. ' || j, null from range(0, $n) t(j);

-- name: person_nationalities
insert into person_nationalities
select 'person-' || j, list_element($codes, cast(1 + hash(j, 'nationality') % len($codes) as integer))
from range(0, $n) t(j);

-- name: person_roles
insert into person_roles
select 'person-' || j, case when hash(j, 'held') % 10 < 6 then 'detainee' else 'official' end
from range(0, $n) t(j);

-- name: detentions
insert into detentions
with held as (
    select j, date '2015-01-01' + cast(hash(j, 'arrested') % 3600 as integer) as arrested,
           hash(j, 'released') % 2 = 0 as freed, cast(30 + hash(j, 'days') % 370 as integer) as days
    from range(0, $n) t(j) where hash(j, 'held') % 10 < 6
)
select 'person-' || j, 1, list_element($codes, cast(1 + hash(j, 'holder') % len($codes) as integer)),
       strftime(arrested, '%Y-%m-%d'), arrested, null, null, 'Synthetic charge', null, null,
       case when freed then strftime(arrested + days, '%Y-%m-%d') end, case when freed then arrested + days end,
       null, null, case when freed then 'released' else 'held' end, true, null, null
from held;

-- name: quotes
insert into quotes
select 'quote-' || i || '-' || q, 'person-' || (hash(i, q, 'speaker') % $n), e.date, e.date_start, e.date_start,
       'Synthetic words about the talks and the prisoners number ' || i || '.', 'en', null,
       list_element(['truth-social', 'x', 'telegram', 'press-conference', 'statement', 'briefing', 'interview'],
                    cast(1 + hash(i, q, 'channel') % 7 as integer)),
       null, null, 'Said about event ' || i || '.', e.id,
       [list_element(['prisoner-exchange', 'ceasefire', 'sanctions', 'negotiations', 'detainees', 'mediation',
                      'humanitarian'], cast(1 + hash('quote-' || i || '-' || q, 'topic') % 7 as integer))],  -- as below
       ['src-' || (hash('quote-' || i || '-' || q, 's') % (2 * $n))], null, null, null, e.file, e.line + 15, null
from (select i from range(0, $n) t(i)) t
join events e on e.id = 'event-' || t.i,
     range(0, cast(list_element([0, 1, 1, 2], cast(1 + hash(i, 'quotes') % 4 as integer)) as integer)) r(q);

-- name: quote_topics
insert into quote_topics select id, unnest(topics) from quotes;

-- name: citations
insert into citations
select 'event', id, '', 'src-' || (hash(id, 's1') % (2 * $n)) from events
union all select 'event', id, '', 'src-' || (hash(id, 's2') % (2 * $n)) from events
union all select 'person', id, '', 'src-' || (hash(id, 's') % (2 * $n)) from people
union all select 'person', person_id, 'detention 1', 'src-' || (hash(person_id, 'd') % (2 * $n)) from detentions
union all select 'quote', id, '', 'src-' || (hash(id, 's') % (2 * $n)) from quotes;

-- name: disagreements
insert into disagreements
select id || '/1', 'event', id, 'date', 'When it happened', null, title, file, line + 12
from events where hash(id, 'disputed') % 10 = 0;

-- name: disagreement_values
insert into disagreement_values
select d.id, v + 1, strftime(e.date_start + cast(v as integer), '%Y-%m-%d'),
       ['src-' || (hash(d.id, v) % (2 * $n))], null
from disagreements d join events e on e.id = d.record_id, range(0, 2) t(v);
