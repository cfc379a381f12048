// What the faces (the CLI, `crisis serve`) speak in: the domain's commands, events and states,
// and the few store types a face names without using the store itself: where the database is
// and how it failed, a stream's id, the embedded cluster's folder, the key files, and the audit
// seal (whose keys and checks the audit commands print). A face imports CrisisApp alone (issue
// 19); it never runs SQL or reaches the store behind the application.
@_exported import CrisisDomain
@_exported import struct CrisisStore.ChainProblem
@_exported import struct CrisisStore.ChainVerifier
@_exported import struct CrisisStore.DatabaseSettings
@_exported import struct CrisisStore.EmbeddedCluster
@_exported import enum CrisisStore.EventStoreError
@_exported import struct CrisisStore.KeyEncryptionKey
@_exported import struct CrisisStore.Seal
@_exported import enum CrisisStore.SealKey
@_exported import struct CrisisStore.SealKeyError
@_exported import enum CrisisStore.SealProblem
@_exported import struct CrisisStore.SealSigningKey
@_exported import struct CrisisStore.StreamID
