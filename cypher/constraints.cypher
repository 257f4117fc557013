// Ids are unique across the whole graph (every node carries :Entity) and within each label.
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT source_id IF NOT EXISTS FOR (n:Source) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT domain_id IF NOT EXISTS FOR (n:Domain) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT modality_id IF NOT EXISTS FOR (n:Modality) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT phase_id IF NOT EXISTS FOR (n:Phase) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT integration_strategy_id IF NOT EXISTS FOR (n:IntegrationStrategy) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT common_factor_id IF NOT EXISTS FOR (n:CommonFactor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT client_factor_id IF NOT EXISTS FOR (n:ClientFactor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT therapeutic_factor_id IF NOT EXISTS FOR (n:TherapeuticFactor) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT stage_of_change_id IF NOT EXISTS FOR (n:StageOfChange) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT process_of_change_id IF NOT EXISTS FOR (n:ProcessOfChange) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT mechanism_id IF NOT EXISTS FOR (n:Mechanism) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT contraindication_id IF NOT EXISTS FOR (n:Contraindication) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT model_id IF NOT EXISTS FOR (n:Model) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT tenet_id IF NOT EXISTS FOR (n:Tenet) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT technique_id IF NOT EXISTS FOR (n:Technique) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT meta_id IF NOT EXISTS FOR (n:Meta) REQUIRE n.id IS UNIQUE;
