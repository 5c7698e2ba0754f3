-- Problems found when the data was validated, most serious first.
-- Returns: file, line, code, message, severity, errors, warnings (how many of each in all), total_rows.
-- Parameters: $limit (rows to return; NULL for all).
with
counted as (
    select *, count(*) filter (where severity = 'error') over () as errors,
           count(*) filter (where severity <> 'error') over () as warnings,
           count(*) over () as total_rows
    from problems
),
final as (
    select file, line, code, message, severity, errors, warnings, total_rows
    from counted
    order by severity = 'warning', file, line, code, message
    limit $limit
)
select * from final
