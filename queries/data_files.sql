-- The data files the database was loaded from, newest change first.
-- Returns: file, modified, bytes. Parameters: none.
with
final as (
    select file, modified, bytes from data_files order by modified desc nulls last, file
)
select * from final
