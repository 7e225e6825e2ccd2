import GRDB

extension Schema {
    /// Envelopes bound to their concern (issue 13): a sealed identity's ciphertext now
    /// authenticates the code of its concern, so one moved to another concern's row does not
    /// open there. Envelopes written before cannot be bound without a holder's key, so they
    /// keep `bound = 0` until the first opening or `wenti keys bind` seals them again.
    static func boundEnvelopes(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE identity_envelope ADD COLUMN bound INTEGER NOT NULL DEFAULT 0 CHECK (bound IN (0, 1));
            """)
    }
}
