import Foundation
import Testing
@testable import WentiCore
@testable import WentiExchange

@Suite("The assessment weights file")
struct AssessmentFileTests {
    @Test func weightsOverrideTheStandardOnesKeyByKey() throws {
        let weights = try AssessmentFile.parse("[weights]\nresponse = 30\nresolution = 35\nsatisfaction = 35.0\non-time = 0\nevery-item-answered = 0\n", path: "a.toml")
        #expect(weights.response == 30 && weights.resolution == 35 && weights.satisfaction == 35 && weights.onTime == 0)
        #expect(weights.overduePenalty == AssessmentWeights.standard.overduePenalty)
        #expect(try AssessmentFile.parse("", path: "a.toml") == .standard)
    }

    /// Issue 14: the weights file says the minimum activity that earns a score.
    @Test func theRankingSectionSetsTheMinimumActivity() throws {
        #expect(try AssessmentFile.parse("", path: "a.toml").minimumActivity == 1)
        let strict = try AssessmentFile.parse("[weights]\nresponse = 30\n\n[ranking]\nminimum-activity = 3\n", path: "a.toml")
        #expect(strict.minimumActivity == 3 && strict.response == 30)
        #expect { try AssessmentFile.parse("[ranking]\nminimum-activity = 0\n", path: "a.toml") } throws: { error in
            (error as? ConfigError)?.label.en == "config file a.toml: the minimum activity must be at least 1 (got 0)"
        }
        #expect { try AssessmentFile.parse("[ranking]\nminimum-activity = 2.5\n", path: "a.toml") } throws: { error in
            (error as? ConfigError)?.label.en == "config file a.toml: ranking.minimum-activity must be a whole number"
        }
        #expect { try AssessmentFile.parse("[ranking]\nfloor = 2\n", path: "a.toml") } throws: { error in
            (error as? ConfigError)?.label.en.contains("ranking.floor is unknown") == true
        }
    }

    @Test func mistakesNameTheFileAndTheKey() throws {
        #expect(throws: ConfigError(path: "a.toml", message: LocalizedText(
            zh: "weights.speed 不是权重（可用：\(AssessmentFile.keys.joined(separator: ", "))）",
            en: "weights.speed is not a weight (known: \(AssessmentFile.keys.joined(separator: ", ")))"))) {
            try AssessmentFile.parse("[weights]\nspeed = 3\n", path: "a.toml")
        }
        #expect { try AssessmentFile.parse("[weights]\nresponse = \"high\"\n", path: "a.toml") } throws: { error in
            (error as? ConfigError)?.label.en == "config file a.toml: weights.response must be a number"
        }
        #expect { try AssessmentFile.parse("[weights]\nresponse = -5\n", path: "a.toml") } throws: { error in
            (error as? ConfigError)?.label.en.contains("response must not be negative") == true
        }
        #expect { try AssessmentFile.parse("[weights\n", path: "a.toml") } throws: { error in
            (error as? ConfigError)?.label.en.hasPrefix("config file a.toml: line 1") == true
        }
        #expect { try AssessmentFile.parse("[colours]\nred = 1\n", path: "a.toml") } throws: { error in
            (error as? ConfigError)?.label.en == "config file a.toml: unknown section [colours] (only [weights] and [ranking])"
        }
        #expect(throws: ConfigError.self) { try AssessmentFile.load(path: "/nonexistent/a.toml", required: true) }
        #expect(try AssessmentFile.load(path: "/nonexistent/a.toml") == .standard)
    }
}
