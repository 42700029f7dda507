-- The upload quota (FilesProperties.Quota) asks at every upload for the uploader's unattached uploads and for their
-- uploads of the last window: two index ranges of that one user, however many files they have attached before.
create index files_unattached_by_uploader on files (uploader_id) where message_id is null;
drop index files_by_uploader;
create index files_by_uploader on files (uploader_id, created_at);
