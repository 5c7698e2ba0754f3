-- The speakers, topics and channels among the filtered quotes, for the explorer's choices.
-- Returns: facet ('speaker', 'topic' or 'channel'), value, label, quotes.
-- Parameters: $date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person.
with
selected as (
    select * from filtered_quotes($date_from, $date_to, $countries, $country_role, $kinds, $statuses, $person)
),
facets as (
    select 'speaker' as facet, s.speaker_id as value, p.name as label from selected s join people p on p.id = s.speaker_id
    union all
    select 'topic', t.topic, t.topic from selected s join quote_topics t on t.quote_id = s.id
    union all
    select 'channel', s.channel, s.channel from selected s
),
final as (
    select facet, value, label, count(*) as quotes from facets group by facet, value, label
    order by facet, label
)
select * from final
