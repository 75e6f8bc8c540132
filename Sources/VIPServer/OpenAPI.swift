/// The OpenAPI 3.1 description served at `/api/openapi.json`, written by hand. A test holds
/// its paths and methods against the router's routes.
enum OpenAPI {
    static let tekst = #"""
{
  "openapi": "3.1.0",
  "info": {
    "title": "vip server",
    "version": "1.0.0",
    "description": "De JSON-API van vip server: aanvragen schrijven, controleren en bouwen; de docent volgt, becommentarieert en keurt goed; de organisator plant de speeddate met fondsen. Elke foutmelding heeft de vorm {\"fout\": \"…\"}. Verzoeken die iets wijzigen met een sessiecookie dragen de header X-CSRF-Token."
  },
  "paths": {
    "/gezond": {
      "get": {
        "summary": "Gezondheid van de server",
        "responses": {
          "200": {
            "description": "De server draait.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "status": {
                      "const": "ok"
                    }
                  }
                }
              }
            }
          }
        }
      }
    },
    "/api/openapi.json": {
      "get": {
        "summary": "Deze beschrijving",
        "responses": {
          "200": {
            "description": "OpenAPI 3.1"
          }
        }
      }
    },
    "/api/check": {
      "post": {
        "summary": "Controleer een aanvraag zonder op te slaan",
        "requestBody": {
          "required": false,
          "content": {
            "application/yaml": {
              "schema": {
                "type": "string"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Het check-object, als een element van `vip check --format json`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Check"
                }
              }
            }
          },
          "413": {
            "description": "Groter dan 5 MiB.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Onleesbaar.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Leesfout"
                }
              }
            }
          }
        }
      }
    },
    "/api/sessie": {
      "post": {
        "summary": "Aanmelden",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Aanmelding"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Aangemeld; cookie vip_sessie.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Sessie"
                }
              }
            }
          },
          "400": {
            "description": "Geen geldige JSON.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "401": {
            "description": "E-mailadres of wachtwoord klopt niet.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "429": {
            "description": "Te veel mislukte pogingen; zie Retry-After.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      },
      "get": {
        "summary": "De huidige sessie",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "De sessie.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Sessie"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      },
      "delete": {
        "summary": "Afmelden",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "responses": {
          "204": {
            "description": "Afgemeld."
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/sessie/wachtwoord": {
      "put": {
        "summary": "Wachtwoord wijzigen",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Wachtwoordwijziging"
              }
            }
          }
        },
        "responses": {
          "204": {
            "description": "Gewijzigd; andere sessies beëindigd."
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "Het oude wachtwoord klopt niet, of het CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Nieuw wachtwoord korter dan 10 tekens.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/cursussen": {
      "post": {
        "summary": "Een cursus aanmaken (docent)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NieuweCursus"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Aangemaakt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CursusAangemaakt"
                }
              }
            }
          },
          "400": {
            "description": "Geen geldige JSON.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "Geen docent.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Ongeldige naam of datum.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/cursussen/{id}/voortgang": {
      "get": {
        "summary": "Voortgang van een cursus (docent van de cursus): één rij per cursist",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De rijen, in volgorde van aanmelding.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/VoortgangRij"
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Geen cursus van deze docent.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/cursussen/{id}/review": {
      "post": {
        "summary": "Peer-review van bijeenkomst 4 (docent van de cursus): de zip die vip review schrijft",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/ReviewKeuze"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "deelnemers/ (geanonimiseerde kopieën en beoordelingsformulier) en docent/ (docentenblad, ook als JSON). Header X-VIP-Zaad: het gebruikte zaad.",
            "content": {
              "application/zip": {
                "schema": {
                  "type": "string",
                  "contentEncoding": "binary"
                }
              }
            },
            "headers": {
              "X-VIP-Zaad": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "400": {
            "description": "Geen geldige JSON, of een veld ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Geen cursus van deze docent.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Niet precies drie aanvragen van deze cursus, kies anders dan 3, te weinig aanvragen, of een naam of nummer bleef staan in een kopie (lekcontrole; er is niets gemaakt).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/cursussen/{id}/review/combineer": {
      "post": {
        "summary": "Rangordes van de groepen combineren (Schulze) en vergelijken met de referentie van de docent, zoals vip review combineer",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Rangordes"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "De uitslag, met de tabel die vip review combineer toont.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/ReviewUitslag"
                }
              }
            }
          },
          "400": {
            "description": "Geen geldige JSON, of een veld ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Geen cursus van deze docent.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Een rangorde of de referentie klopt niet (de melding noemt de regel).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanmelden": {
      "post": {
        "summary": "Een cursist meldt zich aan met een uitnodigingscode",
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/Inschrijving"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Cursist"
                }
              }
            }
          },
          "400": {
            "description": "Geen geldige JSON.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Onbekende code.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "409": {
            "description": "E-mailadres al in gebruik.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Een veld ontbreekt of is ongeldig.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen": {
      "post": {
        "summary": "Een nieuwe aanvraag (cursist)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/yaml": {
              "schema": {
                "type": "string"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Aangemaakt.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "id": {
                      "type": "integer"
                    },
                    "versie": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "Geen cursist.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "413": {
            "description": "Groter dan 5 MiB.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Onleesbaar.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Leesfout"
                }
              }
            }
          }
        }
      },
      "get": {
        "summary": "De aanvragen die de aanroeper mag zien",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "De lijst.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/AanvraagRij"
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}": {
      "get": {
        "summary": "De tekst van de huidige versie, byte voor byte",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De tekst; header ETag met de versie.",
            "content": {
              "application/yaml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      },
      "put": {
        "summary": "Een nieuwe versie opslaan",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "If-Match",
            "in": "header",
            "required": true,
            "schema": {
              "type": "string"
            }
          }
        ],
        "requestBody": {
          "required": false,
          "content": {
            "application/yaml": {
              "schema": {
                "type": "string"
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Opgeslagen.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "properties": {
                    "versie": {
                      "type": "integer"
                    },
                    "check": {
                      "$ref": "#/components/schemas/Check"
                    }
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "Niet de eigenaar, of CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "412": {
            "description": "Verouderde versie; niets opgeslagen.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "413": {
            "description": "Groter dan 5 MiB.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Onleesbaar; niets opgeslagen.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Leesfout"
                }
              }
            }
          },
          "428": {
            "description": "If-Match ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/versies": {
      "get": {
        "summary": "Alle versies",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De versies.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "type": "object",
                    "properties": {
                      "versie": {
                        "type": "integer"
                      },
                      "gewijzigd": {
                        "type": "string",
                        "format": "date-time"
                      },
                      "af": {
                        "type": "boolean"
                      }
                    }
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/versies/{n}": {
      "get": {
        "summary": "De tekst van één versie",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "n",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De tekst.",
            "content": {
              "application/yaml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/check": {
      "get": {
        "summary": "Het check-object van de huidige versie",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Het check-object.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Check"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/pakket": {
      "post": {
        "summary": "Het aanvraagpakket als zip, dezelfde bestanden als vip build",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "formaat",
            "in": "query",
            "schema": {
              "enum": [
                "odt",
                "docx",
                "beide"
              ]
            }
          },
          {
            "name": "concept",
            "in": "query",
            "schema": {
              "enum": [
                "1"
              ]
            }
          },
          {
            "name": "versie",
            "in": "query",
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De zip.",
            "content": {
              "application/zip": {
                "schema": {
                  "type": "string",
                  "contentEncoding": "binary"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "Een organisator, of CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Fouten en geen concept: met `check`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/opmerkingen": {
      "post": {
        "summary": "Opmerking plaatsen bij een veld (docent van de cursus); hoort bij de huidige versie",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/NieuweOpmerking"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Geplaatst.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "id"
                  ],
                  "properties": {
                    "id": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          },
          "400": {
            "description": "Geen geldige JSON, of een veld ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "De eigenaar zelf (alleen de docent plaatst opmerkingen), of CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Leeg pad of lege tekst, of te lang.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      },
      "get": {
        "summary": "Opmerkingen bij een aanvraag (eigenaar en docent), oudste eerst",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De opmerkingen.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/Opmerking"
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/opmerkingen/{oid}": {
      "patch": {
        "summary": "Opmerking afhandelen of heropenen (eigenaar)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          },
          {
            "name": "oid",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "afgehandeld"
                ],
                "properties": {
                  "afgehandeld": {
                    "type": "boolean"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "De opmerking.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Opmerking"
                }
              }
            }
          },
          "400": {
            "description": "Geen geldige JSON, of een veld ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "De docent (alleen de cursist handelt af), of CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet bij deze aanvraag, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/aanvragen/{id}/goedkeuring": {
      "post": {
        "summary": "Een versie zonder fouten goedkeuren (docent van de cursus). De aanvraag telt als goedgekeurd zolang die versie de huidige is",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "required": [
                  "versie"
                ],
                "properties": {
                  "versie": {
                    "type": "integer"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Goedgekeurd (opnieuw goedkeuren verandert niets).",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/GoedkeuringStand"
                }
              }
            }
          },
          "400": {
            "description": "Geen geldige JSON, of een veld ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "De eigenaar zelf, of CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet (ook de versie), of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "De versie heeft fouten: met `check`.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      },
      "get": {
        "summary": "Stand van de goedkeuring (eigenaar en docent)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "De stand.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/GoedkeuringStand"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of de aanroeper mag het niet zien.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/evenementen": {
      "post": {
        "summary": "Een speeddate met fondsen maken (organisator): een vip-fondsendate/1-bestand zonder projecten, met cursussen: [id, …]",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [],
        "requestBody": {
          "required": true,
          "content": {
            "application/yaml": {
              "schema": {
                "type": "string"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "Aangemaakt; header Location.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "required": [
                    "id"
                  ],
                  "properties": {
                    "id": {
                      "type": "integer"
                    }
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "403": {
            "description": "Geen organisator, of CSRF-token ontbreekt.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "413": {
            "description": "Groter dan 5 MiB.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Onleesbaar (met `leesfout`), met `projecten`, zonder `cursussen`, of een onbekende cursus; niets opgeslagen.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      },
      "get": {
        "summary": "De speeddates van de organisator, nieuwste eerst (anderen: een lege lijst)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "responses": {
          "200": {
            "description": "De lijst.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "array",
                  "items": {
                    "$ref": "#/components/schemas/EvenementRij"
                  }
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/evenementen/{id}": {
      "get": {
        "summary": "Een speeddate zoals hij nu gepland wordt (organisator die hem maakte): toelating en schema",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Het evenement.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Evenement"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of van een andere organisator.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    },
    "/api/evenementen/{id}/pakket": {
      "get": {
        "summary": "Wat vip fondsendate op dit moment schrijft, als zip (organisator die hem maakte)",
        "security": [
          {
            "cookieAuth": []
          }
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "integer"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Projectenoverzicht, fondsenoverzicht, schema, agenda's, niet-toegelaten (ODT en DOCX), schema.csv en toelating.csv. Projecten: elke aanvraag van de cursussen in haar huidige versie, acceptabel precies als die versie is goedgekeurd, met de cursist als presentator.",
            "content": {
              "application/zip": {
                "schema": {
                  "type": "string",
                  "contentEncoding": "binary"
                }
              }
            }
          },
          "401": {
            "description": "Niet aangemeld.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "404": {
            "description": "Bestaat niet, of van een andere organisator.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          },
          "422": {
            "description": "Het schema loopt over middernacht.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Fout"
                }
              }
            }
          }
        }
      }
    }
  },
  "components": {
    "schemas": {
      "Fout": {
        "type": "object",
        "required": [
          "fout"
        ],
        "properties": {
          "fout": {
            "type": "string"
          },
          "leesfout": {
            "$ref": "#/components/schemas/LeesfoutDetail"
          },
          "check": {
            "$ref": "#/components/schemas/Check"
          }
        }
      },
      "LeesfoutDetail": {
        "type": "object",
        "required": [
          "melding",
          "regel_nr",
          "kolom",
          "pad"
        ],
        "properties": {
          "melding": {
            "type": "string"
          },
          "regel_nr": {
            "type": [
              "integer",
              "null"
            ]
          },
          "kolom": {
            "type": [
              "integer",
              "null"
            ]
          },
          "pad": {
            "type": "string"
          }
        }
      },
      "Leesfout": {
        "type": "object",
        "required": [
          "fout",
          "leesfout"
        ],
        "properties": {
          "fout": {
            "type": "string"
          },
          "leesfout": {
            "$ref": "#/components/schemas/LeesfoutDetail"
          }
        }
      },
      "Check": {
        "type": "object",
        "required": [
          "bestand",
          "af",
          "totalen",
          "bevindingen"
        ],
        "properties": {
          "bestand": {
            "const": "aanvraag.yaml"
          },
          "af": {
            "type": "boolean"
          },
          "totalen": {
            "type": "object",
            "properties": {
              "begroting": {
                "type": "string"
              },
              "dekking": {
                "type": "string"
              }
            }
          },
          "bevindingen": {
            "type": "array",
            "items": {
              "type": "object",
              "required": [
                "regel",
                "ernst",
                "melding",
                "pad",
                "regel_nr",
                "kolom"
              ],
              "properties": {
                "regel": {
                  "type": "string"
                },
                "ernst": {
                  "enum": [
                    "fout",
                    "waarschuwing",
                    "tip"
                  ]
                },
                "melding": {
                  "type": "string"
                },
                "pad": {
                  "type": "string"
                },
                "regel_nr": {
                  "type": [
                    "integer",
                    "null"
                  ]
                },
                "kolom": {
                  "type": [
                    "integer",
                    "null"
                  ]
                },
                "onderdrukt": {
                  "type": "boolean"
                },
                "reden": {
                  "type": "string"
                }
              }
            }
          }
        }
      },
      "Aanmelding": {
        "type": "object",
        "required": [
          "email",
          "wachtwoord"
        ],
        "properties": {
          "email": {
            "type": "string"
          },
          "wachtwoord": {
            "type": "string"
          }
        }
      },
      "Sessie": {
        "type": "object",
        "required": [
          "naam",
          "rol",
          "csrf"
        ],
        "properties": {
          "naam": {
            "type": "string"
          },
          "rol": {
            "enum": [
              "cursist",
              "docent",
              "organisator"
            ]
          },
          "csrf": {
            "type": "string"
          }
        }
      },
      "Wachtwoordwijziging": {
        "type": "object",
        "required": [
          "oud",
          "nieuw"
        ],
        "properties": {
          "oud": {
            "type": "string"
          },
          "nieuw": {
            "type": "string",
            "minLength": 10
          }
        }
      },
      "NieuweCursus": {
        "type": "object",
        "required": [
          "naam",
          "bijeenkomsten"
        ],
        "properties": {
          "naam": {
            "type": "string"
          },
          "bijeenkomsten": {
            "type": "array",
            "items": {
              "type": "string",
              "format": "date"
            }
          }
        }
      },
      "CursusAangemaakt": {
        "type": "object",
        "required": [
          "id",
          "uitnodigingscode"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "uitnodigingscode": {
            "type": "string"
          }
        }
      },
      "Inschrijving": {
        "type": "object",
        "required": [
          "uitnodigingscode",
          "naam",
          "email",
          "wachtwoord"
        ],
        "properties": {
          "uitnodigingscode": {
            "type": "string"
          },
          "naam": {
            "type": "string"
          },
          "email": {
            "type": "string"
          },
          "wachtwoord": {
            "type": "string",
            "minLength": 10
          }
        }
      },
      "Cursist": {
        "type": "object",
        "required": [
          "id",
          "naam",
          "rol",
          "cursus"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "naam": {
            "type": "string"
          },
          "rol": {
            "const": "cursist"
          },
          "cursus": {
            "type": "integer"
          }
        }
      },
      "AanvraagRij": {
        "type": "object",
        "required": [
          "id",
          "titel",
          "eigenaar",
          "versie",
          "af",
          "fouten",
          "waarschuwingen",
          "gewijzigd"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "titel": {
            "type": [
              "string",
              "null"
            ]
          },
          "eigenaar": {
            "type": "string"
          },
          "versie": {
            "type": "integer"
          },
          "af": {
            "type": "boolean"
          },
          "fouten": {
            "type": "integer"
          },
          "waarschuwingen": {
            "type": "integer"
          },
          "gewijzigd": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "VoortgangRij": {
        "type": "object",
        "required": [
          "cursist",
          "aanvraag",
          "versie",
          "af",
          "fouten",
          "waarschuwingen",
          "onderdelen",
          "goedgekeurd",
          "goedgekeurde_versie",
          "gewijzigd"
        ],
        "properties": {
          "cursist": {
            "type": "string",
            "description": "De naam van de cursist."
          },
          "cursist_id": {
            "type": "integer"
          },
          "aanvraag": {
            "type": [
              "integer",
              "null"
            ],
            "description": "De laatst gewijzigde aanvraag van de cursist; null als zij er geen heeft."
          },
          "versie": {
            "type": [
              "integer",
              "null"
            ]
          },
          "af": {
            "type": "boolean"
          },
          "fouten": {
            "type": "integer"
          },
          "waarschuwingen": {
            "type": "integer"
          },
          "onderdelen": {
            "type": "object",
            "description": "Per onderdeel (het eerste deel van het pad van een bevinding, bij project.* de eerste twee; `algemeen` zonder pad).",
            "additionalProperties": {
              "type": "object",
              "required": [
                "fouten",
                "waarschuwingen"
              ],
              "properties": {
                "fouten": {
                  "type": "integer"
                },
                "waarschuwingen": {
                  "type": "integer"
                }
              }
            }
          },
          "goedgekeurd": {
            "type": "boolean",
            "description": "De huidige versie is goedgekeurd."
          },
          "goedgekeurde_versie": {
            "type": [
              "integer",
              "null"
            ],
            "description": "De hoogste goedgekeurde versie, ook als die niet meer de huidige is."
          },
          "gewijzigd": {
            "type": [
              "string",
              "null"
            ],
            "format": "date-time"
          }
        }
      },
      "ReviewKeuze": {
        "type": "object",
        "description": "Precies één van aanvragen en kies.",
        "properties": {
          "aanvragen": {
            "type": "array",
            "items": {
              "type": "integer"
            },
            "minItems": 3,
            "maxItems": 3
          },
          "kies": {
            "const": 3
          },
          "zaad": {
            "type": "integer",
            "minimum": 0,
            "description": "Zoals vip review --zaad; zonder: afgeleid van de inhoud."
          }
        }
      },
      "Rangordes": {
        "type": "object",
        "required": [
          "rangordes"
        ],
        "properties": {
          "rangordes": {
            "oneOf": [
              {
                "type": "string",
                "description": "De CSV die vip review combineer leest."
              },
              {
                "type": "array",
                "items": {
                  "oneOf": [
                    {
                      "type": "array",
                      "items": {
                        "type": "string"
                      }
                    },
                    {
                      "type": "object",
                      "required": [
                        "rangorde"
                      ],
                      "properties": {
                        "groep": {
                          "type": "string"
                        },
                        "rangorde": {
                          "type": "array",
                          "items": {
                            "type": "string"
                          }
                        }
                      }
                    }
                  ]
                }
              }
            ]
          },
          "referentie": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "description": "De referentierangorde, best eerst."
          },
          "docentenblad": {
            "type": "object",
            "description": "Of: het object uit docent/docentenblad.json (zijn rangorde is de referentie)."
          }
        }
      },
      "ReviewUitslag": {
        "type": "object",
        "required": [
          "groepen",
          "schulze",
          "referentie",
          "tabel"
        ],
        "properties": {
          "groepen": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "naam": {
                  "type": "string"
                },
                "rangorde": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "afstand": {
                  "type": [
                    "integer",
                    "null"
                  ],
                  "description": "Paren anders geordend dan de referentie (Kendall)."
                },
                "tau": {
                  "type": [
                    "number",
                    "null"
                  ]
                }
              }
            }
          },
          "schulze": {
            "type": "object",
            "properties": {
              "rangorde": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "gelijk": {
                "type": "array",
                "items": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              },
              "paren": {
                "type": "object",
                "description": "\"A>B\": hoeveel groepen A boven B zetten.",
                "additionalProperties": {
                  "type": "integer"
                }
              },
              "afstand": {
                "type": [
                  "integer",
                  "null"
                ],
                "description": "Paren anders geordend dan de referentie (Kendall)."
              },
              "tau": {
                "type": [
                  "number",
                  "null"
                ]
              }
            }
          },
          "referentie": {
            "type": [
              "array",
              "null"
            ],
            "items": {
              "type": "string"
            }
          },
          "tabel": {
            "type": "string",
            "description": "De tabel van vip review combineer."
          }
        }
      },
      "NieuweOpmerking": {
        "type": "object",
        "required": [
          "pad",
          "tekst"
        ],
        "properties": {
          "pad": {
            "type": "string",
            "description": "Het veld, zoals project.urgentie."
          },
          "tekst": {
            "type": "string"
          }
        }
      },
      "Opmerking": {
        "type": "object",
        "required": [
          "id",
          "pad",
          "tekst",
          "docent",
          "geplaatst",
          "afgehandeld"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "pad": {
            "type": "string"
          },
          "tekst": {
            "type": "string"
          },
          "docent": {
            "type": "string"
          },
          "geplaatst": {
            "type": "string",
            "format": "date-time"
          },
          "afgehandeld": {
            "type": "boolean"
          },
          "versie": {
            "type": "integer",
            "description": "De versie waarbij de opmerking is geplaatst."
          }
        }
      },
      "GoedkeuringStand": {
        "type": "object",
        "required": [
          "versie",
          "goedgekeurd",
          "goedgekeurde_versie"
        ],
        "properties": {
          "versie": {
            "type": "integer",
            "description": "De huidige versie."
          },
          "goedgekeurd": {
            "type": "boolean"
          },
          "goedgekeurde_versie": {
            "type": [
              "integer",
              "null"
            ]
          }
        }
      },
      "EvenementRij": {
        "type": "object",
        "required": [
          "id",
          "titel",
          "datum",
          "cursussen"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "titel": {
            "type": "string"
          },
          "datum": {
            "type": [
              "string",
              "null"
            ],
            "format": "date"
          },
          "cursussen": {
            "type": "array",
            "items": {
              "type": "integer"
            }
          },
          "aangemaakt": {
            "type": "string",
            "format": "date-time"
          }
        }
      },
      "Evenement": {
        "type": "object",
        "required": [
          "id",
          "titel",
          "cursussen",
          "fondsen",
          "projecten",
          "rondes",
          "gesprekken"
        ],
        "properties": {
          "id": {
            "type": "integer"
          },
          "titel": {
            "type": "string"
          },
          "datum": {
            "type": [
              "string",
              "null"
            ]
          },
          "locatie": {
            "type": [
              "string",
              "null"
            ]
          },
          "aanvang": {
            "type": "string"
          },
          "rondeduur": {
            "type": "integer"
          },
          "wisseltijd": {
            "type": "integer"
          },
          "cursussen": {
            "type": "array",
            "items": {
              "type": "integer"
            }
          },
          "fondsen": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "naam": {
                  "type": "string"
                },
                "tafels": {
                  "type": "integer"
                },
                "thema": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "regio": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              }
            }
          },
          "projecten": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "aanvraag": {
                  "type": "integer"
                },
                "versie": {
                  "type": "integer"
                },
                "cursist": {
                  "type": "string"
                },
                "titel": {
                  "type": "string"
                },
                "organisatie": {
                  "type": "string"
                },
                "goedgekeurd": {
                  "type": "boolean"
                },
                "toegelaten": {
                  "type": "boolean"
                },
                "redenen": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                }
              }
            }
          },
          "rondes": {
            "type": "integer"
          },
          "gesprekken": {
            "type": "array",
            "items": {
              "type": "object",
              "properties": {
                "ronde": {
                  "type": "integer"
                },
                "aanvang": {
                  "type": "string"
                },
                "einde": {
                  "type": "string"
                },
                "fonds": {
                  "type": "string"
                },
                "tafel": {
                  "type": "integer"
                },
                "aanvraag": {
                  "type": "integer"
                },
                "project": {
                  "type": "string"
                }
              }
            }
          },
          "planningsfout": {
            "type": [
              "string",
              "null"
            ]
          },
          "samenvatting": {
            "type": "string",
            "description": "Wat vip fondsendate afdrukt."
          }
        }
      }
    },
    "securitySchemes": {
      "cookieAuth": {
        "type": "apiKey",
        "in": "cookie",
        "name": "vip_sessie"
      }
    }
  }
}
"""#
}
