-- Exact row count of every table, in schema order.
-- Returns: table_name, row_count. Parameters: none.
with
counts as (
    select 0 as position, 'countries' as table_name, count(*) as row_count from countries
    union all select 1 as position, 'sources' as table_name, count(*) as row_count from sources
    union all select 2 as position, 'people' as table_name, count(*) as row_count from people
    union all select 3 as position, 'person_aliases' as table_name, count(*) as row_count from person_aliases
    union all select 4 as position, 'person_nationalities' as table_name, count(*) as row_count from person_nationalities
    union all select 5 as position, 'person_roles' as table_name, count(*) as row_count from person_roles
    union all select 6 as position, 'detentions' as table_name, count(*) as row_count from detentions
    union all select 7 as position, 'events' as table_name, count(*) as row_count from events
    union all select 8 as position, 'event_countries' as table_name, count(*) as row_count from event_countries
    union all select 9 as position, 'legs' as table_name, count(*) as row_count from legs
    union all select 10 as position, 'leg_people' as table_name, count(*) as row_count from leg_people
    union all select 11 as position, 'event_links' as table_name, count(*) as row_count from event_links
    union all select 12 as position, 'event_topics' as table_name, count(*) as row_count from event_topics
    union all select 13 as position, 'event_series' as table_name, count(*) as row_count from event_series
    union all select 14 as position, 'event_actors' as table_name, count(*) as row_count from event_actors
    union all select 15 as position, 'reported_totals' as table_name, count(*) as row_count from reported_totals
    union all select 16 as position, 'quotes' as table_name, count(*) as row_count from quotes
    union all select 17 as position, 'quote_topics' as table_name, count(*) as row_count from quote_topics
    union all select 18 as position, 'citations' as table_name, count(*) as row_count from citations
    union all select 19 as position, 'disagreements' as table_name, count(*) as row_count from disagreements
    union all select 20 as position, 'disagreement_values' as table_name, count(*) as row_count from disagreement_values
    union all select 21 as position, 'problems' as table_name, count(*) as row_count from problems
    union all select 22 as position, 'data_files' as table_name, count(*) as row_count from data_files
    union all select 23 as position, 'timeline_points' as table_name, count(*) as row_count from timeline_points
    union all select 24 as position, 'headline_figures' as table_name, count(*) as row_count from headline_figures
    union all select 25 as position, 'country_pairs' as table_name, count(*) as row_count from country_pairs
    union all select 26 as position, 'country_flows' as table_name, count(*) as row_count from country_flows
),
final as (
    select table_name, row_count from counts order by position
)
select * from final
