-- The speakers, topics and channels among the filtered quotes, for the explorer's choices: the $top
-- most quoted of each facet (NULL: all), by label.
-- Returns: facet ('speaker', 'topic' or 'channel'), value, label, quotes, options (how many values the
-- facet has in all).
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person, $top.
with
selected as (
    select id, speaker_id, channel from filtered_quotes($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
selected_ids as (  -- empty when no filter is set: the lookups guarded by no_filter(...) then cost nothing
    select id from selected where not no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person)
),
speakers as (
    select speaker_id as value, count(*) as quotes from selected group by speaker_id
),
topics as (
    select t.topic as value, count(*) as quotes from quote_topics t  -- every quote is kept when no filter is set
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person) or t.quote_id in (select id from selected_ids)
    group by t.topic
),
channels as (
    select channel as value, count(*) as quotes from selected group by channel
),
-- The top of each facet apart (a top-N each; ranking every value in one window sorted them all).
ranked as (
    (select 'speaker' as facet, value, quotes, (select count(*) from speakers) as options
     from speakers order by quotes desc, value limit $top)
    union all
    (select 'topic', value, quotes, (select count(*) from topics) from topics order by quotes desc, value limit $top)
    union all
    (select 'channel', value, quotes, (select count(*) from channels) from channels order by quotes desc, value limit $top)
),
final as (
    select r.facet, r.value, case when r.facet = 'speaker' then p.name else r.value end as label, r.quotes, r.options
    from ranked r left join people p on r.facet = 'speaker' and p.id = r.value
    order by r.facet, label, r.value
)
select * from final
