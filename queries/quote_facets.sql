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
counted as (
    select 'speaker' as facet, speaker_id as value, count(*) as quotes from selected group by speaker_id
    union all
    select 'topic', t.topic, count(*) from quote_topics t  -- every quote is kept when no filter is set
    where no_filter($date_from, $date_to, $countries, $kinds, $statuses, $person) or t.quote_id in (select id from selected_ids)
    group by t.topic
    union all
    select 'channel', channel, count(*) from selected group by channel
),
ranked as (
    select *, count(*) over (partition by facet) as options
    from counted
    qualify $top is null or row_number() over (partition by facet order by quotes desc, value) <= $top
),
final as (
    select r.facet, r.value, case when r.facet = 'speaker' then p.name else r.value end as label, r.quotes, r.options
    from ranked r left join people p on r.facet = 'speaker' and p.id = r.value
    order by r.facet, label, r.value
)
select * from final
